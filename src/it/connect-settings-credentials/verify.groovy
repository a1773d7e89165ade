// Three runs with -X: settings.xml plain password, settings.xml encrypted password, environment.
def log = new File(basedir, 'build.log').text

['conductor-plain', 'conductor-encrypted'].each { id ->
  assert log.contains("from settings.xml server '" + id + "' (POST "), "no Orkes flow for server " + id
}
assert log.contains("key id 'it-key-plain'")
assert log.contains("key id 'it-key-encrypted'")
assert log.contains("key id 'it-key-env' from the environment (CONDUCTOR_AUTH_KEY, CONDUCTOR_AUTH_SECRET)")
// The shared server is open: /api/token answers 404 and the plugin sends no credentials.
assert log.count('/api/token answered 404: an open server') == 3
assert log.contains('✓ Uploaded workflow: itconn_hello')
assert !log.contains('BUILD FAILURE')

// No secret anywhere the build wrote: the log (with Maven's -X output) and every file under target/.
def secrets = ['it-plain-Secret-7f3a', 'it-encrypted-Secret-91c2', 'it-env-Secret-c0d3', 'it-master-password']
def written = [new File(basedir, 'build.log')]
def target = new File(basedir, 'target')
if (target.isDirectory()) {
  target.eachFileRecurse(groovy.io.FileType.FILES) { written << it }
}
written.each { f ->
  def text = f.getText('UTF-8')
  secrets.each { s -> assert !text.contains(s), "secret ${s} found in ${f}" }
}

def status = new URL(conductorUrl + '/api/metadata/workflow/itconn_hello?version=1').openConnection().responseCode
assert status == 200
