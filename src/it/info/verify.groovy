// info tells the truth about the server: every fact below is asked of the server itself, by other
// routes where there are some (the full listing, not names-and-versions), so the IT holds for any
// Conductor version the build starts (-Pcompat runs it against 3.21.14 too).
import groovy.json.JsonSlurper

def status = { String path ->
  def c = new URL(conductorUrl + '/api/' + path).openConnection()
  c.setRequestProperty('Accept', 'application/json')
  c.responseCode
}
def read = { String path -> new JsonSlurper().parse(new URL(conductorUrl + '/api/' + path)) }

def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] --- idflow(-maven-plugin)?:/) // before Maven 3.9: the artifactId, not the prefix
assert runs.length == 3 : "expected 2 goal runs in build.log, found ${runs.length - 1}"
def lines = { int n -> runs[n].readLines().collect { it.replaceFirst(/^\[INFO\] /, '') } }
def first = lines(1)
def second = lines(2)

// The URL and where it came from: the POM's property, then the command line.
assert first.contains("Conductor: ${conductorUrl} (from the project property idflow.conductorUrl)".toString())
assert second.contains("Conductor: ${conductorUrl} (from -Didflow.conductorUrl)".toString())
assert first.contains('Auth:      none: no credentials (no serverId, and none of CONDUCTOR_AUTH_KEY, CONDUCTOR_AUTH_SECRET, CONDUCTOR_AUTH_TOKEN is set)')

// The version as /api/version answers it, or the sentence for servers without it.
def v = new URL(conductorUrl + '/api/version').openConnection()
def version = v.responseCode == 200 ? v.inputStream.text.trim() : null
assert v.responseCode in [200, 404]
assert first.contains('Version:   ' + (version ?: 'unknown (no /api/version: conductor-oss before 3.22)'))

// Orkes and each endpoint: what the server answers there.
assert status('applications') == 404
assert first.contains('Orkes:     no (GET /api/applications, an Orkes endpoint, answers 404)')
def shown = { int code -> code == 200 ? 'yes' : code == 404 ? 'no (404)' : "unknown (answered ${code})" }
[['secrets', 'secrets'], ['environment values', 'environment'], ['scheduler', 'scheduler/schedules'],
 ['workflow names and versions', 'metadata/workflow/names-and-versions']].each { name, path ->
  def line = "  ${name} (GET /api/${path}): ${shown(status(path))}".toString()
  assert first.contains(line) : "${line} not in ${first}"
}

// The counts: the server's from its full listings, the local ones from the files of this IT.
def plural = { int n, String word -> "${n} ${word}${n == 1 ? '' : 's'}" }
def flows = read('metadata/workflow')
def tasks = read('metadata/taskdefs')
def handlers = read('event')
def remote = "Definitions in Conductor: ${plural(flows*.name.unique().size(), 'workflow')} (${plural(flows.size(), 'version')}), ${plural(tasks.size(), 'task definition')}, ${plural(handlers.size(), 'event handler')}".toString()
assert first.contains(remote) : "${remote} not in ${first}"
assert second.contains(remote)
assert flows.count { it.name == 'itinfo_srv' } == 2 && tasks.any { it.name == 'itinfo_srv_t' } // from prebuild.groovy
assert first.contains('Definitions in idflow: 2 workflows (3 versions), 1 task definition, 0 event handlers')
assert second.contains('Definitions in absent: none (no such directory)')

// It writes nothing: none of the local definitions reached the server.
def local = ['itinfo_a', 'itinfo_b', 'itinfo_t']
assert !flows.any { it.name in local } && !tasks.any { it.name in local }

// The report keeps the same facts.
def report = new JsonSlurper().parse(new File(basedir, 'target/idflow/info.json'))
assert report.checked.serverVersion == version
assert report.checked.local == null // the second run's: no directory
assert report.checked.remote.tasks == tasks.size()
