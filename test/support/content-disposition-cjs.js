// jest (CommonJS, Node 20) cannot require the ESM-only content-disposition 3 that @fastify/static uses, though
// Node itself can. Tests map it to the CommonJS 1.x copy Express ships, which has the same function; v3's
// `create` is that function under a new name.
const contentDisposition = require('../../node_modules/content-disposition/index.js');
module.exports = Object.assign(contentDisposition, { create: contentDisposition });
