import groovy.json.JsonSlurper
import javax.xml.parsers.DocumentBuilderFactory

// JUnit XML through the JDK's parser: the invoker's Groovy has no groovy-xml.
def junitReport = { String goal -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
    .parse(new File(basedir, "target/idflow/TEST-idflow-${goal}.xml")).documentElement }
def testcases = { suite -> def all = suite.getElementsByTagName('testcase'); (0..<all.length).collect { all.item(it) } }
def failureOf = { testcase -> testcase.getElementsByTagName('failure').item(0) }

def log = new File(basedir, 'build.log').text
assert log.contains('cannot reach Conductor at http://127.0.0.1:1/api (ConnectException')
assert !log.contains('Missing workflows') && !log.contains('Missing task definitions') && !log.contains('Nothing missing')

def report = new JsonSlurper().parse(new File(basedir, 'target/idflow/check-missing.json'))
assert report.result == 'error'
assert report.conductorUrl == 'http://127.0.0.1:1'
assert report.message.contains('cannot reach Conductor at http://127.0.0.1:1/api')
assert report.entries.isEmpty()
def junit = junitReport('check-missing')
assert junit.getAttribute('tests') == '1' && junit.getAttribute('errors') == '1' && junit.getAttribute('failures') == '0'
assert testcases(junit)[0].getAttribute('name') == 'check-missing'
assert testcases(junit)[0].getElementsByTagName('error').item(0).getAttribute('message').contains('http://127.0.0.1:1/api')
