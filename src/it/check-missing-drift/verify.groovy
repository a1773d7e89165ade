import groovy.json.JsonSlurper
import javax.xml.parsers.DocumentBuilderFactory

// JUnit XML through the JDK's parser: the invoker's Groovy has no groovy-xml.
def junitReport = { String goal -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
    .parse(new File(basedir, "target/idflow/TEST-idflow-${goal}.xml")).documentElement }
def testcases = { suite -> def all = suite.getElementsByTagName('testcase'); (0..<all.length).collect { all.item(it) } }
def failureOf = { testcase -> testcase.getElementsByTagName('failure').item(0) }

def log = new File(basedir, 'build.log').text
// Default: nothing is missing, the drift is a warning with its paths, the build passes.
assert log.contains('[WARNING] Drift: 1 workflow and 1 task definition differ from Conductor at the same version (failOnDrift=false); remote -> local:')
assert log.contains('[WARNING]   workflow itcmdrift_flow v1 (idflow/workflows/flow.json)')
assert log.contains('[WARNING]     /timeoutSeconds: 100 -> 200')
assert log.contains('[WARNING]   task itcmdrift_task (idflow/tasks/task.json)')
assert log.contains('[WARNING]     /retryCount: 2 -> 5')
assert log.contains('[WARNING] Nothing missing in Conductor: checked 1 local workflow, 0 required workflows, 0 sub-workflow references,'
    + ' 1 SIMPLE task and 1 local task definition; 1 workflow and 1 task definition differ from Conductor at the same version')
assert log.contains('BUILD SUCCESS')
// failOnDrift=true: a build failure with the same paths.
assert log.contains(' on project check-missing-drift: Drift: 1 workflow and 1 task definition differ from Conductor at the same version (failOnDrift=true); remote -> local:')
assert log.contains('[ERROR]     /retryCount: 2 -> 5')
assert log.contains('BUILD FAILURE')

// check-missing writes nothing: the server keeps its copies.
def stored = new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/workflow/itcmdrift_flow?version=1'))
assert stored.timeoutSeconds == 100
assert new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/taskdefs/itcmdrift_task')).retryCount == 2

def report = new JsonSlurper().parse(new File(basedir, 'target/idflow/check-missing.json'))
assert report.result == 'failure'
assert report.checked.failOnDrift == true
assert report.entries.collect { "${it.kind} ${it.name} ${it.outcome} ${it.failed}".toString() } == [
    'workflow itcmdrift_flow drifted true', 'task itcmdrift_task drifted true']
assert report.entries[0].detail.contains('/timeoutSeconds: 100 -> 200')
def junit = junitReport('check-missing')
assert junit.getAttribute('failures') == '2'
assert failureOf(testcases(junit)[1]).getAttribute('type') == 'drifted'
assert failureOf(testcases(junit)[1]).textContent.contains('/retryCount: 2 -> 5')
