import groovy.json.JsonSlurper
import javax.xml.parsers.DocumentBuilderFactory

// JUnit XML through the JDK's parser: the invoker's Groovy has no groovy-xml.
def junitReport = { String goal -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
    .parse(new File(basedir, "target/idflow/TEST-idflow-${goal}.xml")).documentElement }
def testcases = { suite -> def all = suite.getElementsByTagName('testcase'); (0..<all.length).collect { all.item(it) } }
def failureOf = { testcase -> testcase.getElementsByTagName('failure').item(0) }

def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Nothing missing in Conductor: checked 2 local workflows, 1 required workflow, 1 sub-workflow reference,'
    + ' 3 SIMPLE tasks and 1 local task definition')
assert !log.contains('Missing workflows') && !log.contains('Missing task definitions')

def report = new JsonSlurper().parse(new File(basedir, 'target/idflow/check-missing.json'))
assert report.schemaVersion == 1
assert report.goal == 'check-missing'
assert report.result == 'success'
assert report.conductorUrl == conductorUrl
assert report.checked.requiredWorkflows == ['itcmok_child v1']
assert report.summary.failed == 0
assert report.entries.collect { "${it.kind} ${it.name} ${it.version} ${it.outcome}".toString() } == [
    'workflow itcmok_child null present', 'workflow itcmok_child 1 present', 'workflow itcmok_parent 1 present',
    'task itcmok_fetch null present']
assert report.entries.find { it.name == 'itcmok_child' && it.version == 1 }.detail.contains('listed in idflow.requiredWorkflows')

def junit = junitReport('check-missing')
assert junit.getAttribute('name') == 'idflow.check-missing'
assert junit.getAttribute('tests') == '4' && junit.getAttribute('failures') == '0' && junit.getAttribute('errors') == '0'
assert testcases(junit).collect { it.getAttribute('name') } == ['workflow itcmok_child', 'workflow itcmok_child v1', 'workflow itcmok_parent v1', 'task itcmok_fetch']

// upload-workflows, the first goal, left its own report beside it.
def upload = new JsonSlurper().parse(new File(basedir, 'target/idflow/upload-workflows.json'))
assert upload.result == 'success' && upload.entries*.name.sort() == ['itcmok_child', 'itcmok_parent']
assert new File(basedir, 'target/idflow/TEST-idflow-upload-workflows.xml').isFile()
