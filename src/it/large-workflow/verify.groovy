import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def runs = log.split(/(?m)^\[INFO\] --- idflow:/)
assert runs.length == 5 : "expected 4 goal runs in build.log, found ${runs.length - 1}"

assert runs[1].contains('✓ Uploaded workflow: itbig_500_tasks') : "goal run 1 lacks ✓ Uploaded workflow: itbig_500_tasks"
// The plural of 1 ('1/1 workflows') is the report's business, not this IT's.
assert runs[1] =~ /Summary: 1\/1 workflows? uploaded successfully/ : 'goal run 1 lacks the upload summary'
assert runs[2].contains('Found 1 task file (500 tasks)') : "goal run 2 lacks Found 1 task file (500 tasks)"
assert runs[2].contains('Summary: 500/500 tasks uploaded successfully (500 created, 0 updated)') : "goal run 2 lacks Summary: 500/500 tasks uploaded successfully (500 created, 0 updated)"
// The rerun: the 500-task workflow compares equal to the server's copy, all 500 task definitions too.
assert runs[3] =~ /Summary: All 1 workflows? (are|is) up to date/ : 'goal run 3 lacks /Summary: All 1 workflows? (are|is) up to date/'
assert runs[4].contains('Summary: All 500 tasks are up to date') : "goal run 4 lacks Summary: All 500 tasks are up to date"

def stored = new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/workflow/itbig_500_tasks?version=1'))
assert stored.tasks.size() == 500
assert stored.tasks[499].inputParameters.previous == '${ref_498.output.result}'
def defs = new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/taskdefs')).findAll { it.name.startsWith('itbig_task_') }
assert defs.size() == 500
assert defs.find { it.name == 'itbig_task_499' }.description == 'step 499 of 500'
