def log = new File(basedir, 'build.log').text
assert log.contains("Uploading workflow 'itone_a' to Conductor...")
assert log.contains('✓ Uploaded workflow: itone_a')
assert !log.contains('itone_b')
assert log.contains('Summary: 1/1 workflows uploaded successfully')
def status = { name -> new URL(conductorUrl + '/api/metadata/workflow/' + name + '?version=1').openConnection().responseCode }
assert status('itone_a') == 200
assert status('itone_b') == 404
