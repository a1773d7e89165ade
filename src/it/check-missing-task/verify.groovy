import groovy.json.JsonSlurper
import javax.xml.parsers.DocumentBuilderFactory

// JUnit XML through the JDK's parser: the invoker's Groovy has no groovy-xml.
def junitReport = { String goal -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
    .parse(new File(basedir, "target/idflow/TEST-idflow-${goal}.xml")).documentElement }
def testcases = { suite -> def all = suite.getElementsByTagName('testcase'); (0..<all.length).collect { all.item(it) } }
def failureOf = { testcase -> testcase.getElementsByTagName('failure').item(0) }

def log = new File(basedir, 'build.log').text
// Conductor took the workflow although two of its SIMPLE tasks have no task definition.
assert new URL(conductorUrl + '/api/metadata/workflow/itcmtask_flow?version=1').openConnection().responseCode == 200
assert new URL(conductorUrl + '/api/metadata/taskdefs/itcmtask_summarize').openConnection().responseCode == 404

assert log.contains(' on project check-missing-task: Missing task definitions: itcmtask_fetch_url, itcmtask_summarize')
assert !(log =~ /(?m)^\[(ERROR|WARNING|INFO)\] Missing /)
assert log.contains('[ERROR]   itcmtask_fetch_url: defined in idflow/tasks/fetch_url.json; used by itcmtask_flow v1 (task ref fetch_ref)')
assert log.contains('[ERROR]   itcmtask_summarize: used by itcmtask_flow v1 (task ref summarize_ref); not in local files: add idflow/tasks/itcmtask_summarize.json, or an inline taskDefinition')
assert log.contains('runs those tasks with default retries and timeouts')
assert log.contains("[ERROR] Run 'mvn idflow:sync-tasks' to upload missing task definitions")
assert !log.contains('Missing workflows')
// The inline taskDefinition needs nothing on the server.
assert !(log =~ /Missing task definitions: .*itcmtask_adhoc/)

def report = new JsonSlurper().parse(new File(basedir, 'target/idflow/check-missing.json'))
assert report.result == 'failure'
def tasks = report.entries.findAll { it.kind == 'task' }
assert tasks.collect { "${it.name} ${it.outcome} ${it.failed}".toString() } == [
    'itcmtask_fetch_url missing true', 'itcmtask_known present false', 'itcmtask_summarize missing true']
assert tasks[2].detail.contains('default retries and timeouts')

def junit = junitReport('check-missing')
assert junit.getAttribute('failures') == '2'
assert testcases(junit).findAll { failureOf(it) != null }.collect { it.getAttribute('name') } == ['task itcmtask_fetch_url', 'task itcmtask_summarize']
