def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] --- idflow:/)
assert runs.length == 5 : "expected 4 goal runs in build.log, found ${runs.length - 1}"
def lines = { int n -> runs[n].readLines().collect { it.replaceFirst(/^\[INFO\] /, '') } }

// list-workflows (all): local files with their status, sorted, then the server's versions.
def all = lines(1)
int local = all.indexOf('Local workflow files:')
assert local >= 0
assert all[local + 1] == '  itlist_drifted v2 - drifted (/timeoutSeconds)'
assert all[local + 2] == '  itlist_missing v1 - missing in Conductor'
assert all[local + 3] == '  itlist_same v1 - up to date'
assert all[local + 4] == ''
assert all[local + 5] == 'Workflows in Conductor:'
assert all.contains('  itlist_drifted (v1, v2)')
assert all.contains('  itlist_same (v1)')
assert !all.any { it.startsWith('  itlist_missing (') }

// local: no statuses, no server section.
def onlyLocal = lines(2)
assert onlyLocal.contains('  itlist_drifted v2') && onlyLocal.contains('  itlist_missing v1') && onlyLocal.contains('  itlist_same v1')
assert !onlyLocal.contains('Workflows in Conductor:')

// conductor: no local section.
def onlyRemote = lines(3)
assert onlyRemote.contains('Workflows in Conductor:') && onlyRemote.contains('  itlist_drifted (v1, v2)')
assert !onlyRemote.contains('Local workflow files:')

// list-tasks: the counts and the three sections (other ITs' task defs are on the server too).
def tasks = lines(4)
assert tasks.contains('Task Synchronization Status:')
assert tasks.contains('  Local tasks:  3')
assert tasks.contains('  Common:       2')
assert tasks.contains('  Only local:   1')
assert tasks.contains('  Differing:    1')
def section = { String title -> int i = tasks.indexOf(title); assert i >= 0 : title; tasks.drop(i + 1).takeWhile { it.startsWith('  ') } }
assert section('Tasks only available locally:') == ['  - itlist_t_local']
assert section('Tasks only available remotely:').contains('  - itlist_t_remote')
assert section('Tasks available both locally and remotely:') == ['  - itlist_t_diff (differs: /retryCount, /timeoutSeconds)', '  - itlist_t_same']
