// Four builds at once against the one shared server (SQLite, WAL, busy_timeout=15000), with the same definitions
// and -Didflow.force=true: the builds race from an empty server, so each creates what it finds missing (one bulk
// POST of task definitions, one bulk PUT of workflows) and updates what another build wrote first (one PUT per task
// definition). Each build must succeed, or fail cleanly (a build error naming what was not applied, never a stack
// trace), and the server must end holding every definition as the files say, once.
//
// Observed (Conductor 3.32.3 on 2 cores shared with other builds; the reports' start times and durations are
// printed to build.log): no request failed, and nothing answered "database is locked" (SQLITE_BUSY) or any other
// error; the server makes concurrent writers wait (WAL, busy_timeout) instead. In one run all four builds listed
// an empty server, then all four bulk-created the same 30 task definitions and bulk-put the same 30 workflows at
// once: all succeeded, and the server holds one copy of each. In a run with 60 definitions, one build's bulk create
// took 14 s while the other three's listings, sent 3-5 s after it started, came back only after it, with everything
// up to date: readers wait behind a writer too. Four builds forcing 60 updates each took 23-29 s each, interleaved.
// So concurrent builds are safe but slower together than one at a time; a much larger concurrent load could meet
// the read timeout (idflow.readTimeout, 60 s): the calls are then retried, and a write that still gets no answer
// is reported "not confirmed", which the next run settles.
import groovy.json.JsonSlurper

def pom = new File(basedir, 'pom.xml').text
def plugin = (pom =~ /<groupId>([^<]+)<\/groupId>\s*<artifactId>(idflow-maven-plugin)<\/artifactId>\s*<version>([^<]+)</)
assert plugin.find()
def prefix = "${plugin.group(1)}:${plugin.group(2)}:${plugin.group(3)}"
def windows = System.getProperty('os.name').toLowerCase().contains('windows')
def mvn = new File(System.getProperty('maven.home'), 'bin/' + (windows ? 'mvn.cmd' : 'mvn')).path
def idflow = new File(basedir, 'idflow')
def N = 30

// Each build has its own folder (its own target/idflow reports) and reads the same definitions.
def builds = (1..4).collect { n ->
  def dir = new File(basedir, "builds/b${n}")
  dir.mkdirs()
  new File(dir, 'pom.xml').text = """<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
    <groupId>io.idflow.it</groupId><artifactId>concurrent-build-${n}</artifactId><version>1</version><packaging>pom</packaging></project>"""
  dir
}

// A private local repository with a tail (-Dmaven.repo.local.tail) is passed on, so such runs resolve too.
def tail = System.getProperty('maven.repo.local.tail')
def repository = ['-Dmaven.repo.local=' + localRepositoryPath] + (tail ? ['-Dmaven.repo.local.tail=' + tail] : [])

def round = { int r, List<String> extra ->
  def started = builds.collect { dir ->
    def log = new File(dir, "round${r}.log")
    // Offline, from the repository the invoker filled (see purge-orphans/verify.groovy for the tracking file name).
    def command = [mvn, '-B', '-o'] + repository + [
        '-Daether.enhancedLocalRepository.trackingFilename=_idflow_it_none_',
        '-Didflow.conductorUrl=' + conductorUrl, '-Didflow.directory=' + idflow.path] + extra +
        ["${prefix}:sync-tasks".toString(), "${prefix}:upload-workflows".toString()]
    [dir: dir, log: log, process: new ProcessBuilder(command).directory(dir).redirectErrorStream(true).redirectOutput(log).start()]
  }
  started.each { b ->
    if (!b.process.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)) {
      b.process.destroyForcibly()
      assert false: "round ${r}: ${b.dir.name} still running after 300 s:\n" + b.log.text
    }
  }
  started.each { b ->
    def text = b.log.text
    def code = b.process.exitValue()
    assert !text.contains('\tat ') : "round ${r}: ${b.dir.name} printed a stack trace:\n" + text
    def reports = ['sync-tasks', 'upload-workflows'].collect { new File(b.dir, "target/idflow/${it}.json") }.findAll { it.isFile() }
        .collect { new JsonSlurper().parse(it) }
    reports.each { rep ->
      println "round ${r} ${b.dir.name} ${rep.goal}: ${rep.result}, started ${rep.startedAt}, ${rep.durationMillis} ms, outcomes ${rep.summary.outcomes}"
    }
    if (code != 0) {
      // A clean failure: the goal says what it did not apply, and its report agrees.
      assert text =~ /could not take the (upload|task definitions): \d+\/${N} \w+ uploaded/ || text.contains('Nothing was ') :
          "round ${r}: ${b.dir.name} failed without saying what was applied:\n" + text
      assert reports.any { it.result == 'error' || it.result == 'failure' }
      println "round ${r}: ${b.dir.name} failed cleanly:\n" + text.readLines().findAll { it.startsWith('[ERROR]') }.join('\n')
    }
  }
  started.collect { it.process.exitValue() }
}

def exitCodes = round(1, ['-Didflow.force=true'])
println "exit codes: ${exitCodes}"
// Every build succeeded: the server's write path holds under this load (see the comment at the top).
assert exitCodes.every { it == 0 }
// Forced, each build wrote every definition: those it found missing in one bulk create, the others one update each.
builds.each { dir ->
  def text = new File(dir, 'round1.log').text
  assert text =~ /Summary: ${N}\/${N} tasks uploaded successfully \(\d+ created, \d+ updated\)/
  assert text.contains("Summary: ${N}/${N} workflows uploaded successfully")
}

// The server holds every definition as the files have them.
def tasks = new JsonSlurper().parse(new File(idflow, 'tasks/tasks.json'))
tasks.each { local ->
  def stored = new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/taskdefs/' + local.name))
  ['description', 'ownerEmail', 'retryCount', 'timeoutSeconds', 'responseTimeoutSeconds'].each {
    assert stored[it] == local[it] : "${local.name}.${it}: ${stored[it]} on the server, ${local[it]} in the file"
  }
}
new File(idflow, 'workflows').listFiles().each { file ->
  def local = new JsonSlurper().parse(file)
  def stored = new JsonSlurper().parse(new URL(conductorUrl + "/api/metadata/workflow/${local.name}?version=1"))
  assert stored.description == local.description && stored.tasks[0].name == local.tasks[0].name
  assert stored.tasks[0].inputParameters.n == local.tasks[0].inputParameters.n
}
// Exactly one version each, not one per build.
def all = new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/workflow'))
assert all.findAll { it.name.startsWith('itconc_flow_') }.size() == N
return true
