import groovy.json.JsonSlurper
import javax.xml.parsers.DocumentBuilderFactory

// JUnit XML through the JDK's parser: the invoker's Groovy has no groovy-xml.
def junitReport = { String goal -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
    .parse(new File(basedir, "target/idflow/TEST-idflow-${goal}.xml")).documentElement }
def testcases = { suite -> def all = suite.getElementsByTagName('testcase'); (0..<all.length).collect { all.item(it) } }
def failureOf = { testcase -> testcase.getElementsByTagName('failure').item(0) }

def log = new File(basedir, 'build.log').text
// failOnMissing=true (default): a build failure listing both, neither fixable by upload-workflows.
assert log.contains(' on project check-missing-required: Missing workflows: itcmreq_payments v2, itcmreq_refunds')
assert log.contains('itcmreq_payments v2: listed in idflow.requiredWorkflows; not in local files: deploy it from the project that defines it')
assert log.contains('itcmreq_refunds: listed in idflow.requiredWorkflows; not in local files: deploy it from the project that defines it')
assert !log.contains("Run 'mvn idflow:upload-workflows'")
assert log.contains('BUILD FAILURE')
// failOnMissing=false: the same as warnings, and the build passes.
assert log.contains('[WARNING] Missing workflows: itcmreq_payments v2, itcmreq_refunds')
assert log.contains('BUILD SUCCESS')

// The report is the second run's: a success whose missing entries are still failed tests.
def report = new JsonSlurper().parse(new File(basedir, 'target/idflow/check-missing.json'))
assert report.result == 'success'
assert report.checked.failOnMissing == false
assert report.checked.requiredWorkflows == ['itcmreq_payments', 'itcmreq_payments v2', 'itcmreq_refunds']
assert report.entries.collect { "${it.name} ${it.version} ${it.outcome}".toString() } == [
    'itcmreq_app 1 present', 'itcmreq_payments null present', 'itcmreq_payments 2 missing', 'itcmreq_refunds null missing']
def junit = junitReport('check-missing')
assert junit.getAttribute('tests') == '4' && junit.getAttribute('failures') == '2'
