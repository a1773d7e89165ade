import groovy.json.JsonSlurper
import javax.xml.parsers.DocumentBuilderFactory

// JUnit XML through the JDK's parser: the invoker's Groovy has no groovy-xml.
def junitReport = { String goal -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
    .parse(new File(basedir, "target/idflow/TEST-idflow-${goal}.xml")).documentElement }
def testcases = { suite -> def all = suite.getElementsByTagName('testcase'); (0..<all.length).collect { all.item(it) } }
def failureOf = { testcase -> testcase.getElementsByTagName('failure').item(0) }

def log = new File(basedir, 'build.log').text
// A rerun against the same server finds the parent already there.
assert log.contains('Summary: 1/1 workflows uploaded successfully') || log.contains('Summary: All 1 workflows are up to date')
// Listed once, in the build failure, each line under [ERROR].
assert log.contains(' on project check-missing-subworkflow: Missing workflows: itcmsub_case_child v2, itcmsub_fork_child')
assert !(log =~ /(?m)^\[(ERROR|WARNING|INFO)\] Missing /)
assert log.contains('[ERROR] 2 definitions missing in Conductor (2 workflows, 0 task definitions): checked 1 local workflow')
assert log.contains('  itcmsub_case_child v2: sub-workflow of itcmsub_parent v1 (task ref in_case); not in local files: deploy it from the project that defines it')
assert log.contains('  itcmsub_fork_child: sub-workflow of itcmsub_parent v1 (task ref in_fork); not in local files: deploy it from the project that defines it')
assert !(log =~ /Missing workflows: .*itcmsub_loop_child/)
assert log.contains('BUILD FAILURE')

def report = new JsonSlurper().parse(new File(basedir, 'target/idflow/check-missing.json'))
assert report.result == 'failure'
assert report.message.startsWith('Missing workflows: itcmsub_case_child v2, itcmsub_fork_child')
assert report.checked.subWorkflowReferences == 3
def outcome = report.entries.collectEntries { ["${it.name}${it.version == null ? '' : ' v' + it.version}".toString(), it.outcome] }
assert outcome == ['itcmsub_case_child v2': 'missing', 'itcmsub_fork_child': 'missing', 'itcmsub_loop_child v1': 'present', 'itcmsub_parent v1': 'present']
assert report.entries.findAll { it.failed }*.name == ['itcmsub_case_child', 'itcmsub_fork_child']

def junit = junitReport('check-missing')
assert junit.getAttribute('tests') == '4' && junit.getAttribute('failures') == '2'
def failed = testcases(junit).findAll { failureOf(it) != null }
assert failed.collect { it.getAttribute('name') } == ['workflow itcmsub_case_child v2', 'workflow itcmsub_fork_child']
assert failureOf(failed[0]).getAttribute('type') == 'missing'
assert failureOf(failed[0]).textContent.contains('sub-workflow of itcmsub_parent v1 (task ref in_case)')
