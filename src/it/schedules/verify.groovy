import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text.replace('\r\n', '\n')
def schedule = new JsonSlurper().parse(new URL(conductorUrl + '/api/scheduler/schedules/itsc_nightly'))

// 1. From nothing, in dependency order.
def task = log.indexOf('✓ Created task: itsc_charge')
def workflow = log.indexOf('✓ Uploaded workflow: itsc_report')
def created = log.indexOf('✓ Created schedule: itsc_nightly')
assert task >= 0 && workflow > task && created > workflow : "order: ${task}, ${workflow}, ${created}"
// 2. The rerun writes nothing.
assert log.contains('Summary: All 1 schedules are up to date')
// 3-4. Paused by a file, then a file silent on pausing changes the time: still paused.
assert log.contains('✓ Updated schedule: itsc_nightly (changed: /paused)')
assert log.contains('✓ Updated schedule: itsc_nightly (changed: /cronExpression)')
assert schedule.cronExpression == '0 30 4 1 1 *'
assert schedule.paused == true
assert schedule.zoneId == 'Europe/Berlin'
// 5. The server's parser refuses hour 25 before anything is written.
assert log.contains("Nothing was synced: 1 cron expression the server cannot read:")
assert log.contains("idflow-badcron/schedules/nightly.json (schedule itsc_nightly) at /cronExpression: Conductor cannot read '0 0 25 * * *'")
// 6. check-missing names the schedule and its file.
assert log.contains('started by schedule itsc_refunds (idflow-missing/schedules/refunds.json at /startWorkflowRequest)')
assert log.contains('itsc_refund_report v2')
return true
