import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] --- idflow:/)
assert runs.length == 3 : "expected 2 goal runs in build.log, found ${runs.length - 1}"

// A build error (not a failure), whose message says nothing was written, naming the URL.
assert runs[1].contains('Nothing was synced: GET http://127.0.0.1:1/api/metadata/taskdefs failed: cannot reach Conductor at http://127.0.0.1:1/api (ConnectException')
assert runs[2].contains('Nothing was deleted: GET http://127.0.0.1:1/api/metadata/taskdefs failed: cannot reach Conductor at http://127.0.0.1:1/api (ConnectException')
runs[1..2].each { run ->
  assert run.contains('BUILD FAILURE') && run.contains('MojoExecutionException')
  assert !run.contains('Summary') && !run.contains('✓') && !run.contains('Backed up')
}

['sync-tasks', 'purge-orphans'].each { goal ->
  def report = new JsonSlurper().parse(new File(basedir, "target/idflow/${goal}.json"))
  assert report.result == 'error'
  assert report.conductorUrl == 'http://127.0.0.1:1'
  assert report.message.startsWith(goal == 'sync-tasks' ? 'Nothing was synced: ' : 'Nothing was deleted: ')
  assert report.entries.isEmpty()
}
assert !new File(basedir, 'target/idflow/backup').exists()

// The shared server never heard of them.
['ittaskdown_new', 'ittaskdown_other'].each {
  assert new URL(conductorUrl + '/api/metadata/taskdefs/' + it).openConnection().responseCode == 404
}
return true
