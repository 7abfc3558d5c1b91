'use strict';
// Preloaded (-r) into the profiled lookup: SIGUSR2 exits normally, so --cpu-prof writes its profile
// (a SIGTERM is re-raised by Nest after its shutdown hooks and would end the process before the profile is written).
process.on('SIGUSR2', () => process.exit(0));
