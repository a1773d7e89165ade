import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// One chunk per goal run, in order; Maven before 3.9 names the plugin by its artifactId there, not its prefix.
def runs = log.split(/(?m)^\[INFO\] --- idflow(-maven-plugin)?:/)
def run = { int n -> runs[n] }
assert runs.length == 5 : "expected 4 runs of sync-tasks in build.log, found ${runs.length - 1}"

// 1: dry run
assert run(1).contains('Found 2 task files (3 tasks)')
assert run(1).contains('Would upload task: itsync_changed (changed: /description, /retryCount, /timeoutSeconds)')
assert run(1).contains('Would upload task: itsync_new (not in Conductor)')
assert run(1).contains('Task itsync_same is up to date')
assert run(1).contains('Summary: dry run, nothing was uploaded; 2/3 tasks would be uploaded')

// 2: the sync (the dry run before it wrote nothing, or itsync_new would not be created here)
assert run(2).contains('✓ Created task: itsync_new')
assert run(2).contains('✓ Updated task: itsync_changed (changed: /description, /retryCount, /timeoutSeconds)')
assert run(2).contains('Task itsync_same is up to date')
assert run(2).contains('Task upload results:')
assert run(2).contains('Skipped 1 task (already up to date)')
assert run(2).contains('Summary: 2/3 tasks uploaded successfully (1 created, 1 updated)')

// 3: nothing left to do
assert run(3).contains('Summary: All 3 tasks are up to date')
assert !run(3).contains('✓ ')

// 4: an unknown name fails with the known ones
assert run(4).contains("Task 'itsync_nope' not found in local files (known: itsync_changed, itsync_new, itsync_same)")
assert run(4).contains('BUILD FAILURE')

def before = new JsonSlurper().parse(new File(basedir, 'before.json'))
def stored = { name -> new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/taskdefs/' + name)) }
def created = stored('itsync_new')
assert created.retryCount == 2 && created.timeoutSeconds == 120 && created.ownerEmail == 'itsync@example.com'
def changed = stored('itsync_changed')
assert changed.retryCount == 4 && changed.timeoutSeconds == 600 && changed.description == 'retries and timeout raised'
assert changed.createTime == before.changedCreateTime : 'the update must keep createTime (PUT, not POST)'
def same = stored('itsync_same')
assert same.updateTime == before.sameUpdateTime && same.createTime == before.sameCreateTime : 'an unchanged task must not be rewritten'
