// Names with spaces and non-ASCII characters: written by the bulk requests, found again in the
// listings on the rerun (nothing rewritten), and readable one by one through encoded path segments.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def runs = log.split(/(?m)^\[INFO\] --- idflow:/) // one chunk per goal run, in order
assert runs.length == 7 : "expected 6 goal runs in build.log, found ${runs.length - 1}"
def lines = { int n -> runs[n].readLines().collect { it.replaceFirst(/^\[INFO\] /, '') } }

// 1-2: first upload and sync
assert runs[1].contains('✓ Uploaded workflow: itawk Überprüfung Bestellung') : "goal run 1 lacks ✓ Uploaded workflow: itawk Überprüfung Bestellung"
assert runs[1].contains('✓ Uploaded workflow: itawk 订单') : "goal run 1 lacks ✓ Uploaded workflow: itawk 订单"
assert runs[1].contains('Summary: 2/2 workflows uploaded successfully') : "goal run 1 lacks Summary: 2/2 workflows uploaded successfully"
assert runs[2].contains('✓ Created task: itawk Prüfe Adresse') : "goal run 2 lacks ✓ Created task: itawk Prüfe Adresse"
assert runs[2].contains('✓ Created task: itawk 订单 发货') : "goal run 2 lacks ✓ Created task: itawk 订单 发货"
assert runs[2].contains('Summary: 2/2 tasks uploaded successfully (2 created, 0 updated)') : "goal run 2 lacks Summary: 2/2 tasks uploaded successfully (2 created, 0 updated)"

// 3-4: the rerun finds everything in the listings and up to date
assert runs[3].contains('Workflow itawk Überprüfung Bestellung is up to date (already exists in Conductor)') : "goal run 3 lacks Workflow itawk Überprüfung Bestellung is up to date (already exists in Conductor)"
assert runs[3].contains('Workflow itawk 订单 is up to date (already exists in Conductor)') : "goal run 3 lacks Workflow itawk 订单 is up to date (already exists in Conductor)"
assert runs[3].contains('Summary: All 2 workflows are up to date') : "goal run 3 lacks Summary: All 2 workflows are up to date"
assert runs[4].contains('Summary: All 2 tasks are up to date') : "goal run 4 lacks Summary: All 2 tasks are up to date"
assert !runs[3].contains('✓ ') && !runs[4].contains('✓ ')

// 5: list-tasks sees both on both sides, without differences
def tasks = lines(5)
def section = { String title -> int i = tasks.indexOf(title); assert i >= 0 : title; tasks.drop(i + 1).takeWhile { it.startsWith('  ') } }
assert section('Tasks available both locally and remotely:').containsAll(['  - itawk Prüfe Adresse', '  - itawk 订单 发货'])
assert !section('Tasks only available locally:').any { it.contains('itawk') }

// 6: check-missing finds the sub-workflow and the SIMPLE tasks by their names
assert runs[6].contains('Nothing missing in Conductor: checked 2 local workflows') : "goal run 6 lacks Nothing missing in Conductor: checked 2 local workflows"
assert !runs[6].contains('Missing ')

// The server's copies, read one by one by name (percent-encoded UTF-8 in the path)
def enc = { String s -> URLEncoder.encode(s, 'UTF-8').replace('+', '%20') }
def get = { String path -> new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/' + path), 'UTF-8') }
def order = get('workflow/' + enc('itawk Überprüfung Bestellung') + '?version=1')
assert order.name == 'itawk Überprüfung Bestellung'
assert order.description == 'Prüft eine Bestellung, dann 订单'
assert order.tasks*.name == ['itawk Prüfe Adresse', 'itawk call 订单']
assert order.tasks[0].inputParameters == ['straße': '${workflow.input.straße}']
assert order.tasks[1].subWorkflowParam.name == 'itawk 订单'
assert get('workflow/' + enc('itawk 订单') + '?version=1').tasks[0].name == 'itawk 订单 发货'
def check = get('taskdefs/' + enc('itawk Prüfe Adresse'))
assert check.retryCount == 2 && check.timeoutSeconds == 120
def ship = get('taskdefs/' + enc('itawk 订单 发货'))
assert ship.description == '发货' && ship.retryCount == 1
