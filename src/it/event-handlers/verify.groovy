import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text.replace('\r\n', '\n')
def handlers = new JsonSlurper().parse(new URL(conductorUrl + '/api/event')).findAll { it.name.startsWith('itev_') }.collectEntries { [(it.name): it] }

// 1. sync from nothing: the task definition, then the workflow that uses it, then the handlers that start it.
def created = log.indexOf('✓ Created task: itev_charge')
def uploaded = log.indexOf('✓ Uploaded workflow: itev_ship')
def handler = log.indexOf('✓ Created event handler: itev_on_paid')
assert created >= 0 && uploaded > created && handler > uploaded : "order: task ${created}, workflow ${uploaded}, handler ${handler}"
assert log.contains('Summary: 2/2 event handlers uploaded successfully (2 created, 0 updated)')

// 2. The rerun writes nothing.
assert log.contains('Summary: All 1 tasks are up to date')
assert log.contains('Summary: All 2 event handlers are up to date')

// 3. Updated in place, with what changed; the unchanged one left alone.
assert log.contains('✓ Updated event handler: itev_on_paid (changed: /active, /event)')
assert log.contains('Summary: 1/2 event handlers uploaded successfully (0 created, 1 updated)')
assert handlers.itev_on_paid.event == 'conductor:itev_pay:captured'
assert handlers.itev_on_paid.active == false
assert handlers.itev_on_shipped.active == true
assert handlers.itev_on_paid.actions[0].start_workflow.name == 'itev_ship'

// 4. check-missing names the handler, its file and the action; the workflow that exists is fine.
assert log.contains('itev_refund v2')
assert log.contains('started by event handler itev_on_refund (idflow-missing/events/refund.json at /actions/0/start_workflow)')
assert !handlers.containsKey('itev_on_refund')
// 5. diff lists the handler with its changes, and the sync goal that applies them.
assert log.contains('''[INFO] ~ event handler itev_on_paid
[INFO]     /active: false -> true
[INFO]     /event: "conductor:itev_pay:captured" -> "conductor:itev_pay:paid"''')
return true
