def log = new File(basedir, 'build.log').text
assert log.contains('Workflow itstart_boom v1 (')
assert log.contains(') ended FAILED')
assert log.contains('Failed tasks:')
assert log.contains('explode_ref (INLINE) FAILED')
assert log.contains('boom: the input was rejected')
