def log = new File(basedir, 'build.log').text
// Uploaded by the first run, then again by the forced one although it was up to date.
assert log.count('✓ Uploaded workflow: itforce_a') == 2
assert !log.contains('is up to date')
assert log.count('Summary: 1/1 workflows uploaded successfully') == 2
