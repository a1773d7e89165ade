def log = new File(basedir, 'build.log').text
assert log.count('No definitions directory') == 2
assert log.contains('BUILD SUCCESS')
