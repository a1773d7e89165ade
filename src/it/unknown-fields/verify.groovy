// Fields conductor-common does not know. Observed on Conductor 3.32.3: the bulk writes accept them
// (200) and the server stores the definitions WITHOUT them (GET returns no x-team, no
// someNewServerField). The plugin sends them as written (UnknownFieldsTest checks the request bodies),
// and must not report the server's copy as drifted or changed on the rerun because of them.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def runs = log.split(/(?m)^\[INFO\] --- idflow:/)
assert runs.length == 7 : "expected 6 goal runs in build.log, found ${runs.length - 1}"
def lines = { int n -> runs[n].readLines().collect { it.replaceFirst(/^\[INFO\] /, '') } }

assert runs[1].contains('✓ Uploaded workflow: itunk_audit') : "goal run 1 lacks ✓ Uploaded workflow: itunk_audit"
assert runs[2].contains('✓ Created task: itunk_check') : "goal run 2 lacks ✓ Created task: itunk_check"
// The rerun: not drift (the workflow), not an update (the task definition)
assert runs[3] =~ /Summary: All 1 workflows? (are|is) up to date/ : 'goal run 3 lacks /Summary: All 1 workflows? (are|is) up to date/'
assert runs[4] =~ /Summary: All 1 tasks? (are|is) up to date/ : 'goal run 4 lacks /Summary: All 1 tasks? (are|is) up to date/'
assert !runs[3].toLowerCase().contains('drift') && !runs[4].contains('Updated task')
// list-tasks: no difference; check-missing with failOnDrift=true: passes
assert lines(5).contains('  - itunk_check')
assert runs[6].contains('Nothing missing in Conductor') : "goal run 6 lacks Nothing missing in Conductor"
assert !log.contains('BUILD FAILURE')

def stored = new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/workflow/itunk_audit?version=1'))
def task = new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/taskdefs/itunk_check'))
// Whatever the server keeps must be what the file says; 3.32.3 keeps none of them.
assert stored.'x-team' == null || stored.'x-team' == [owner: 'payments', tier: 2, oncall: ['ada', 'grace']]
assert stored.tasks[0].someNewServerField == null || stored.tasks[0].someNewServerField == [mode: 'fast']
assert task.someNewServerField == null || task.someNewServerField == 'kept?'
assert stored.tasks[0].inputParameters.'x-team' == 'inputParameters are user data: stored and compared'
assert task.retryCount == 1
println "unknown-fields: server stored x-team=${stored.'x-team'}, task someNewServerField=${stored.tasks[0].someNewServerField}, taskdef someNewServerField=${task.someNewServerField}"
