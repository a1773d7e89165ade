import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def started = (log =~ /Started workflow itstart_hello: ([0-9a-f-]{36})/)
assert started.find()
assert log.contains('Workflow itstart_hello COMPLETED, output: {"greeting":"Hello, Ada"}')
def run = new JsonSlurper().parse(new URL(conductorUrl + '/api/workflow/' + started.group(1)))
assert run.status == 'COMPLETED'
assert run.output.greeting == 'Hello, Ada'
