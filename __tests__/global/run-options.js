"use strict";
/** Jest's options for a whole run (jest reads them at the top of a config, never in a project): jest.config.js and jest.unit.config.js. */
module.exports = {
  testTimeout: 60000,
  // The end-to-end tests mostly wait on terraform, cdktf and npm: one worker per core. Jest's default leaves one
  // core idle, which on CI's two cores runs the whole suite serially (about twice as long).
  maxWorkers: "100%",
};
