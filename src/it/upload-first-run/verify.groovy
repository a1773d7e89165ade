import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// First run: alpha is already there, beta is new.
assert log.contains('Found 2 workflow files')
assert log.contains('Workflow itfirst_alpha is up to date (already exists in Conductor)')
assert log.contains('✓ Uploaded workflow: itfirst_beta')
assert log.contains('Workflow upload results:')
assert log.contains('Skipped 1 workflow (already up to date)')
assert log.contains('Summary: 1/2 workflows uploaded successfully')
// Rerun: everything up to date.
assert log.contains('Summary: All 2 workflows are up to date')

def get = { path -> new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/workflow/' + path)) }
def alpha = get('itfirst_alpha?version=1')
def beta = get('itfirst_beta?version=2')
assert beta.version == 2 && beta.tasks[0].taskReferenceName == 'hello_ref'
// Neither run rewrote alpha: its updateTime is the one the setup saw.
assert String.valueOf(alpha.updateTime) == new File(basedir, 'alpha-updateTime.txt').text
