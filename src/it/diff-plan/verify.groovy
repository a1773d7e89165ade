import groovy.json.JsonSlurper
import javax.xml.parsers.DocumentBuilderFactory

// JUnit XML through the JDK's parser: the invoker's Groovy has no groovy-xml.
def junitReport = { String goal -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
    .parse(new File(basedir, "target/idflow/TEST-idflow-${goal}.xml")).documentElement }
def testcases = { suite -> def all = suite.getElementsByTagName('testcase'); (0..<all.length).collect { all.item(it) } }
def failureOf = { testcase -> testcase.getElementsByTagName('failure').item(0) }

def log = new File(basedir, 'build.log').text
def plan = '''[INFO] ~ workflow itdiff_changed v1
[INFO]     /timeoutSeconds: 100 -> 200
[INFO] + workflow itdiff_new v1 (not in Conductor)
[INFO] ~ task itdiff_task_changed
[INFO]     /retryCount: 4 -> 5
[INFO] + task itdiff_task_new (not in Conductor)
[INFO] - task itdiff_orphan (only in Conductor)
[INFO] 
[INFO] Plan: 2 to create, 2 to update, 1 to delete, 2 unchanged'''
assert log.replace('\r\n', '\n').contains(plan)
assert !log.contains('itdiff_foreign')
assert log.contains('BUILD SUCCESS')
// failOnDiff: the same plan fails the build.
assert log.contains('Conductor differs from the local definitions (idflow.failOnDiff=true): 2 to create, 2 to update, 1 to delete, 2 unchanged, listed above')
assert log.contains("Run 'mvn idflow:upload-workflows' (-Didflow.onDrift=overwrite for changed versions, or bump them), 'mvn idflow:sync-tasks', 'mvn idflow:purge-orphans' to bring Conductor in line")
// The plan is printed by both runs, the failure does not repeat it.
assert log.count('[INFO] - task itdiff_orphan (only in Conductor)') == 2 && !log.contains('[ERROR] - task itdiff_orphan')
assert log.contains('BUILD FAILURE')

// diff writes nothing.
assert new URL(conductorUrl + '/api/metadata/workflow/itdiff_new?version=1').openConnection().responseCode == 404
assert new URL(conductorUrl + '/api/metadata/taskdefs/itdiff_orphan').openConnection().responseCode == 200
assert new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/workflow/itdiff_changed?version=1')).timeoutSeconds == 100

def report = new JsonSlurper().parse(new File(basedir, 'target/idflow/diff.json'))
assert report.result == 'failure'
assert report.checked.taskScope == 'ownerEmail itdiff-team@example.com (shared by all 3 local task definitions)'
assert report.checked.plan == [create: 2, update: 2, delete: 1, unchanged: 2]
assert report.entries.collect { "${it.kind} ${it.name} ${it.outcome} ${it.failed}".toString() } == [
    'workflow itdiff_changed update true', 'workflow itdiff_new create true', 'workflow itdiff_same unchanged false',
    'task itdiff_task_changed update true', 'task itdiff_task_new create true', 'task itdiff_task_same unchanged false',
    'task itdiff_orphan delete true']
def junit = junitReport('diff')
assert junit.getAttribute('tests') == '7' && junit.getAttribute('failures') == '5'
assert failureOf(testcases(junit)[0]).textContent.contains('/timeoutSeconds: 100 -> 200')
