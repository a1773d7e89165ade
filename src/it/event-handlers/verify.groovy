import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text.replace('\r\n', '\n')
def handlers = new JsonSlurper().parse(new URL(conductorUrl + '/api/event')).collectEntries { [(it.name): it] }

// 1. sync from nothing: the task definition, then the workflow that uses it, then the handlers that start it.
def created = log.indexOf('✓ Created task: itev_charge')
def uploaded = log.indexOf('✓ Uploaded workflow: itev_ship')
def handler = log.indexOf('✓ Created event handler: itev_on_paid')
assert created >= 0 && uploaded > created && handler > uploaded : "order: task ${created}, workflow ${uploaded}, handler ${handler}"
assert log.contains('Summary: 3/3 event handlers uploaded successfully (3 created, 0 updated)')

// 2. The rerun writes nothing.
assert log.contains('Summary: All 1 tasks are up to date')
assert log.contains('Summary: All 3 event handlers are up to date')

// 3. Updated in place, with what changed; the unchanged one left alone.
assert log.contains('✓ Updated event handler: itev_on_paid (changed: /active, /event)')
assert log.contains('Summary: 1/2 event handlers uploaded successfully (0 created, 1 updated)')
assert handlers.itev_on_paid.event == 'conductor:itev_pay:captured'
assert handlers.itev_on_paid.active == false
assert log.contains('Event handler itev_on_shipped is up to date (already exists in Conductor)')
assert handlers.itev_on_paid.actions[0].start_workflow.name == 'itev_ship'

// 4. check-missing names the handler, its file and the action; the workflow that exists is fine.
assert log.contains('itev_refund v2')
assert log.contains('started by event handler itev_on_refund (idflow-missing/events/refund.json at /actions/0/start_workflow)')
assert !handlers.containsKey('itev_on_refund')
// 5. diff lists the handler with its changes, and the sync goal that applies them.
assert log.contains('''[INFO] ~ event handler itev_on_paid
[INFO]     /active: false -> true
[INFO]     /event: "conductor:itev_pay:captured" -> "conductor:itev_pay:paid"''')
assert log.contains('Plan: 0 to create, 1 to update, 4 unchanged')
// 6-8. Handlers in scope by name that no file defines: listed, dry-run, purged after a backup; others left alone.
assert log.contains('[INFO] - event handler itev_on_shipped (only in Conductor)')
assert log.contains('  - event handler itev_on_shipped (matches idflow.purge.eventHandlers itev_*)')
assert log.contains('Dry run: nothing was deleted; 1 definition would be purged')
assert log.contains('✓ Purged event handler: itev_on_shipped')
assert log =~ /restore with: mvn idflow:sync -Didflow.directory=target\/idflow\/backup\/\d{8}-\d{6}/
assert !handlers.containsKey('itev_on_shipped')
assert handlers.containsKey('itev_on_paid') && handlers.containsKey('other_team_audit')
def backups = new File(basedir, 'target/idflow/backup').listFiles().collect { new File(it, 'events/itev_on_shipped.json') }.findAll { it.isFile() }
assert backups.size() == 1
assert new groovy.json.JsonSlurper().parse(backups[0]).event == 'conductor:itev_ship:shipped'
return true
