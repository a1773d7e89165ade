import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] --- idflow:/) // one chunk per goal run, in order
assert runs.length == 3 : "expected 2 goal runs in build.log, found ${runs.length - 1}"

// 1: one case, selected by name
assert runs[1] =~ /(?m)^\[INFO\] ✓ adds one to the charged total \(itt_order v1\) \d+\.\d s$/
assert runs[1].contains('Tests: 1 run, 1 passed, 0 failed, 0 errors')
assert !runs[1].contains('sends a big order')

// 2: every case: a SWITCH branch and a retried mock pass, the wrong expectation fails the build
def all = runs[2]
assert all =~ /\[INFO\] ✓ sends a big order to review \(itt_order v1\)/
assert all =~ /\[INFO\] ✓ charges again after a failed attempt \(itt_order v1\)/
assert all =~ /\[ERROR\] ✗ zz fails on purpose: expects the wrong total \(itt_order v1\) \d+\.\d s in idflow\/tests\/order.json \[3\]/
assert all.contains('[ERROR]     output /total: expected 3, was 2')
assert all.contains('[ERROR]     notRun: sum_ref ran')
assert all.contains('[ERROR]     tasks run: charge_ref COMPLETED, sum_ref COMPLETED, route_ref COMPLETED, ok_ref COMPLETED')
assert all.contains('Tests: 4 run, 3 passed, 1 failed, 0 errors')
assert all.contains('BUILD FAILURE')

// The JUnit report CI servers read: one testcase per case, the failed one a failure.
def xml = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/idflow/TEST-idflow-test-workflows.xml'))
assert xml.testcase.size() >= 4
assert xml.testcase.find { it.@name.text().startsWith('test zz fails on purpose') }.failure.size() == 1
assert xml.testcase.find { it.@name.text() == 'test charges again after a failed attempt' }.failure.size() == 0
def report = new JsonSlurper().parse(new File(basedir, 'target/idflow/test-workflows.json'))
assert report.entries.collect { it.outcome }.sort() == ['failed', 'passed', 'passed', 'passed']
return true
