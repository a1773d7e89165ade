// The reactor ran the modules in parallel threads (-T 4): the plugin's goals are threadSafe and keep no
// shared state between executions. All four modules' writes reached the one SQLite-backed server; none was
// answered with an error (no "database is locked").
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 4')
assert log.contains('BUILD SUCCESS')
assert !log.contains('[ERROR]') && !log.contains('[WARNING] *****')  // Maven warns about goals that are not threadSafe
(1..4).each { m ->
  assert new File(basedir, "m${m}/target/idflow/sync-tasks.json").isFile()
  def tasks = new JsonSlurper().parse(new File(basedir, "m${m}/target/idflow/sync-tasks.json"))
  def flows = new JsonSlurper().parse(new File(basedir, "m${m}/target/idflow/upload-workflows.json"))
  assert tasks.result == 'success' && tasks.summary.outcomes == [created: 40]
  assert flows.result == 'success' && flows.summary.outcomes == [uploaded: 40]
  println "m${m}: sync-tasks started ${tasks.startedAt} (${tasks.durationMillis} ms), upload-workflows started ${flows.startedAt} (${flows.durationMillis} ms)"
}
assert (log =~ /Summary: 40\/40 tasks uploaded successfully \(40 created, 0 updated\)/).count == 4
assert (log =~ /Summary: 40\/40 workflows uploaded successfully/).count == 4
assert log.contains('No definitions directory') // the parent

def taskdefs = new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/taskdefs'))
def workflows = new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/workflow'))
(1..4).each { m ->
  def mine = taskdefs.findAll { it.name.startsWith("itpar_m${m}_") }
  assert mine.size() == 40 && mine.every { it.retryCount == m && it.ownerEmail == "itpar-m${m}@example.com" }
  def flows = workflows.findAll { it.name.startsWith("itpar_m${m}_") }
  assert flows.size() == 40 && flows.every { it.version == m && it.description.startsWith("module ${m} workflow") }
}
return true
