// The floor for `npm run bench` (d): the least an action built like this one can do. It loads
// @actions/core and undici, makes one loopback request, reads the answer and sets one output.
// The benchmark bundles it with `ncc build --minify` into a temporary directory and times it as
// a fresh process, exactly as it times the action. Reads FLOOR_URL.
import * as core from '@actions/core';
import { request } from 'undici';

const res = await request(process.env.FLOOR_URL ?? '', { method: 'POST', body: '' });
const body = await res.body.text();
core.setOutput('status', `${res.statusCode} ${body.length}`);
