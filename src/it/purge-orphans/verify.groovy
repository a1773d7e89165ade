import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] --- idflow:/)
assert runs.length == 4 : "expected 3 runs of purge-orphans in build.log, found ${runs.length - 1}"

// Every run: in-use orphans are kept, each with its user, as warnings.
runs[1..3].each { run ->
  assert run.contains("[WARNING] Task 'itpurge_used_in_fork' is in use by workflow itpurge_order_flow v3 (task ref charge_ref) - skipped")
  assert run.contains("[WARNING] Task 'itpurge_used_by_old_version' is in use by workflow itpurge_order_flow v1 (task ref old_ref) - skipped")
  assert run.contains("[WARNING] Task 'itpurge_used_in_loop_switch' is in use by workflow itpurge_loop_flow v1 (task ref deep_ref) - skipped")
  assert run.contains("[WARNING] Task 'itpurge_used_by_local_file' is in use by local workflow itpurge_local_flow v1 (task ref from_file_ref) - skipped")
  assert run.contains('Purge scope: ownerEmail itpurge-a@example.com (of the one local task definition)')
  ['itpurge_local', 'itpurge_foreign', 'itpurge_no_owner'].each { assert !run.contains("- ${it} (") && !run.contains("Purged task: ${it}\n") }
}

// 1: dry run lists the three orphans and deletes nothing.
assert runs[1].contains('The following tasks will be purged (not available locally):')
assert runs[1].contains('  - itpurge_keep_me (owner itpurge-a@example.com)')
assert runs[1].contains('  - itpurge_orphan_1 (owner itpurge-a@example.com)')
assert runs[1].contains('  - itpurge_orphan_2 (owner itpurge-a@example.com)')
assert runs[1].contains('Dry run: nothing was deleted; 3 tasks would be purged')
assert !runs[1].contains('Purged task')

// 2: three candidates, at most two allowed: fails before any backup or delete.
assert runs[2].contains('3 task definitions would be purged, more than idflow.purge.maxDeletions=2; nothing was deleted')
assert runs[2].contains('BUILD FAILURE')
assert !runs[2].contains('Purged task') && !runs[2].contains('Backed up')

// 3: keep_me excluded: the two orphans go, after a backup.
assert runs[3].contains('except names matching itpurge_keep_*')
def backedUp = (runs[3] =~ /Backed up 2 task definitions to (\S+)/)
assert backedUp.find()
assert runs[3].contains('Purging 2 orphaned tasks...')
assert runs[3].contains('✓ Purged task: itpurge_orphan_1')
assert runs[3].contains('✓ Purged task: itpurge_orphan_2')
assert runs[3].contains('Purge Summary: 2 tasks purged successfully, 0 failed')

def status = { name -> new URL(conductorUrl + '/api/metadata/taskdefs/' + name).openConnection().responseCode }
assert status('itpurge_orphan_1') == 404
assert status('itpurge_orphan_2') == 404
['itpurge_local', 'itpurge_keep_me', 'itpurge_used_in_fork', 'itpurge_used_by_old_version', 'itpurge_used_in_loop_switch',
 'itpurge_used_by_local_file', 'itpurge_foreign', 'itpurge_no_owner'].each { assert status(it) == 200 : "${it} must survive" }

// The backup holds each deleted definition as fetched, in a folder sync-tasks restores.
// Shown relative to where the build ran (this project), as the user would type it.
def shown = backedUp.group(1)
assert shown.startsWith('target/idflow/backup/') : shown
def folder = new File(basedir, shown)
assert folder.parentFile.canonicalPath == new File(basedir, 'target/idflow/backup').canonicalPath
assert new File(folder, 'tasks').list().sort() == ['itpurge_orphan_1.json', 'itpurge_orphan_2.json']
def saved = new JsonSlurper().parse(new File(folder, 'tasks/itpurge_orphan_1.json'))
assert saved.name == 'itpurge_orphan_1' && saved.retryCount == 5 && saved.ownerEmail == 'itpurge-a@example.com' && saved.createTime > 0

// Restore exactly as the purge told the user: mvn idflow:sync-tasks -Didflow.directory=<that folder>
// (the invoker cannot know the folder's name in advance, so this build is started from here).
assert runs[3].contains('restore with: mvn idflow:sync-tasks -Didflow.directory=' + shown)
def windows = System.getProperty('os.name').toLowerCase().contains('windows')
def mvn = new File(System.getProperty('maven.home'), 'bin/' + (windows ? 'mvn.cmd' : 'mvn'))
def restoreLog = new File(basedir, 'restore.log')
def plugin = (new File(basedir, 'pom.xml').text =~ /<groupId>([^<]+)<\/groupId>\s*<artifactId>(idflow-maven-plugin)<\/artifactId>\s*<version>([^<]+)</)
assert plugin.find()
def goal = "${plugin.group(1)}:${plugin.group(2)}:${plugin.group(3)}:sync-tasks"
// Offline, from the repository the invoker filled. Without the invoker's settings the resolver would
// refuse artifacts recorded as coming from a repository it does not know: a tracking file name that
// does not exist makes it take what is there.
def restore = new ProcessBuilder(mvn.path, '-B', '-o', '-Dmaven.repo.local=' + localRepositoryPath,
    '-Daether.enhancedLocalRepository.trackingFilename=_idflow_it_none_', '-Didflow.directory=' + shown, goal)
    .directory(basedir).redirectErrorStream(true).redirectOutput(restoreLog).start()
assert restore.waitFor() == 0 : restoreLog.text
def restored = restoreLog.text
assert restored.contains('Found 2 task files')
assert restored.contains('✓ Created task: itpurge_orphan_1')
assert restored.contains('✓ Created task: itpurge_orphan_2')
assert restored.contains('Summary: 2/2 tasks uploaded successfully (2 created, 0 updated)')
['itpurge_orphan_1', 'itpurge_orphan_2'].each { name ->
  def stored = new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/taskdefs/' + name))
  def backup = new JsonSlurper().parse(new File(folder, "tasks/${name}.json"))
  ['name', 'description', 'ownerEmail', 'retryCount', 'timeoutSeconds', 'responseTimeoutSeconds'].each {
    assert stored[it] == backup[it] : "${name}.${it}: restored ${stored[it]}, backed up ${backup[it]}"
  }
}
return true
