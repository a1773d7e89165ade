import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] --- idflow:/) // one chunk per goal run, in order
assert runs.length == 4 : "expected 3 goal runs in build.log, found ${runs.length - 1}"
def running = new File(basedir, 'running.txt').text.trim()
def exists = { String name, int version ->
  new URL("${conductorUrl}/api/metadata/workflow/${name}?version=${version}").openConnection().responseCode == 200
}

// 1: the dry run: every reason to keep, the four candidates, nothing deleted
def dry = runs[1]
assert dry.contains('Prune scope: ownerEmail itprune@example.com (of the one local workflow definition); 8 workflow versions of ')
assert dry.contains('Kept workflow itprune_latest v2: the latest version, started without a version by workflow itprune_caller v1 (task ref latest_ref)')
assert dry.contains('Kept workflow itprune_pay v1: pinned by workflow itprune_parent v1 (task ref pay_ref)')
assert dry.contains("Kept workflow itprune_order v1: 1 execution running or paused (${running})")
assert dry.contains('The following workflow versions will be pruned (not defined locally):')
['itprune_latest v1', 'itprune_order v2', 'itprune_parent v1', 'itprune_pay v2'].each {
  assert dry.contains("  - ${it} (owner itprune@example.com)") : it
}
assert dry.contains('Dry run: nothing was deleted; 4 workflow versions would be pruned')
assert !dry.contains('itprune_foreign') && !dry.contains('Kept workflow itprune_order v3')

// 2: the guard
assert runs[2].contains('4 workflow versions would be pruned, more than idflow.prune.maxDeletions=2; nothing was deleted')
assert runs[2].contains('BUILD FAILURE')

// 3: the prune, with its backup
def pruned = runs[3]
['itprune_latest v1', 'itprune_order v2', 'itprune_parent v1', 'itprune_pay v2'].each {
  assert pruned.contains("✓ Pruned workflow: ${it}") : it
}
assert pruned.contains('Prune Summary: 4 workflow versions pruned successfully, 0 failed')
assert !exists('itprune_order', 2) && !exists('itprune_pay', 2) && !exists('itprune_parent', 1) && !exists('itprune_latest', 1)
assert exists('itprune_order', 1) && exists('itprune_order', 3) && exists('itprune_pay', 1) && exists('itprune_latest', 2)
assert exists('itprune_foreign', 1) && exists('itprune_foreign', 2)

// The backup restores with upload-workflows, as the log says.
def restore = (pruned =~ /restore with: mvn (idflow:upload-workflows -Didflow.directory=(\S+))/)
assert restore.find()
def backup = new File(basedir, restore.group(2))
assert new File(backup, 'workflows').list().sort() ==
    ['itprune_latest.v1.json', 'itprune_order.v2.json', 'itprune_parent.v1.json', 'itprune_pay.v2.json']
def windows = System.getProperty('os.name').toLowerCase().contains('win')
def mvn = new File(mavenHome, 'bin/mvn' + (windows ? '.cmd' : '')).path
def command = [mvn, '-B', '-o', "io.idflow:idflow-maven-plugin:${pluginVersion}:upload-workflows",
               "-Didflow.directory=${backup}", "-Didflow.conductorUrl=${conductorUrl}"]
def process = command.execute(null, basedir)
def out = new StringBuilder()
process.consumeProcessOutput(out, out)
assert process.waitFor() == 0 : out
assert out.toString().contains('Summary: 4/4 workflows uploaded successfully') : out
assert exists('itprune_order', 2) && exists('itprune_pay', 2) && exists('itprune_parent', 1) && exists('itprune_latest', 1)

// The execution held RUNNING is still there, on the version it runs.
def execution = new JsonSlurper().parse(new URL("${conductorUrl}/api/workflow/${running}?includeTasks=false"))
assert execution.status == 'RUNNING' && execution.workflowVersion == 1
return true
