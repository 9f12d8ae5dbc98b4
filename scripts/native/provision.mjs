#!/usr/bin/env node
// Provision the native TensorFlow backend for @tensorflow/tfjs-node.
//
// Why: tfjs-node's own install script downloads libtensorflow from Google
// storage, which we cannot reach, so package.json denies that script
// (allowScripts) and runs this file from postinstall instead. TensorFlow's
// PyPI wheel ships the same C API (libtensorflow_cc.so.2,
// libtensorflow_framework.so.2 and headers), so we fetch the wheel with pip,
// extract just those files into a cache and compile tfjs-node's addon
// against them with the node-gyp that npm bundles.
//
// It never fails an install: on any problem it prints one line and exits 0,
// and the app falls back to WebAssembly. Flags: --strict (exit 1 on
// failure, for CI), --force (rebuild even if the addon already loads).
// Env: DEAD_NEURONS_NATIVE_CACHE (cache dir, default <project>/.cache/native),
//      DEAD_NEURONS_TF_VERSION (try only this TensorFlow version).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = new Set(process.argv.slice(2));
const STRICT = args.has('--strict');
const FORCE = args.has('--force');
const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SCRIPT), '..', '..'); // this file is <root>/scripts/native/
const CACHE = path.resolve(process.env.DEAD_NEURONS_NATIVE_CACHE || path.join(ROOT, '.cache', 'native'));
const LOG = path.join(CACHE, 'provision.log');
const RERUN = `node ${path.relative(process.cwd(), SCRIPT)}`;
// Newest first. Later TF releases keep the C API that tfjs-node 4.22's binding uses.
const TF_VERSIONS = process.env.DEAD_NEURONS_TF_VERSION ? [process.env.DEAD_NEURONS_TF_VERSION] : ['2.21.0', '2.20.0'];
const TF_PACKAGE = 'tensorflow-cpu'; // same C libraries as `tensorflow`, without CUDA extras
const PY_VERSION = '3.11'; // the C libraries don't use Python; pinning it makes the choice stable
const PLATFORMS = ['manylinux_2_27_x86_64', 'manylinux_2_17_x86_64', 'manylinux2014_x86_64'];
const LIBS = ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2'];

/** A failure that knows the one command most likely to fix it. */
class ProvisionError extends Error {
  constructor(reason, fix = `${RERUN} --force --strict  (details: ${LOG})`) {
    super(reason);
    this.fix = fix;
  }
}

const t0 = Date.now();
const say = (msg) => console.log(`dead-neurons: ${msg} [${((Date.now() - t0) / 1000).toFixed(1)}s]`);

function log(text) {
  fs.mkdirSync(CACHE, { recursive: true });
  fs.appendFileSync(LOG, `${text}\n`);
}

/** Run a command quietly; its output goes to the log (pip and node-gyp are verbose). */
function run(cmd, argv, opts = {}) {
  log(`$ ${cmd} ${argv.join(' ')}`);
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 256 << 20, ...opts });
  log(`${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}\n[exit ${r.status}]`);
  return r;
}

const have = (cmd, ...argv) => run(cmd, argv.length ? argv : ['--version']).status === 0;

/** The first line that mentions an error, else the last line: enough for a one-line reason. */
function errorLine(text = '') {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.find((l) => /error/i.test(l)) || lines.pop() || 'unknown error').slice(0, 200);
}

/** Where @tensorflow/tfjs-node is installed (hoisting-aware, also when we are a dependency). */
function findTfjsNode() {
  try {
    const req = createRequire(path.join(ROOT, 'package.json'));
    return path.dirname(req.resolve('@tensorflow/tfjs-node/package.json'));
  } catch {
    // npm drops an optional dependency whose install script failed, i.e. was not denied: npm
    // before 11.16 ignores `allowScripts`, so tfjs-node's own installer ran and could not download.
    const npm = /npm\/(\d+)\.(\d+)/.exec(process.env.npm_config_user_agent ?? '');
    const oldNpm = npm && (Number(npm[1]) < 11 || (Number(npm[1]) === 11 && Number(npm[2]) < 16));
    throw new ProvisionError(
      oldNpm
        ? `npm ${npm[1]}.${npm[2]} ignores allowScripts, so tfjs-node's own download ran and failed`
        : '@tensorflow/tfjs-node is not installed',
      oldNpm
        ? 'reinstall with npm 11.16 or later: npx npm@11 ci (or npm install -g npm@11)'
        : `npm pkg set 'allowScripts.@tensorflow/tfjs-node=false' --json && npm install --include=optional`,
    );
  }
}

/** Load tfjs-node in a fresh process: backend must be 'tensorflow' and a matMul must be right. */
function addonWorks() {
  const code = `
    const tf = require('@tensorflow/tfjs-node');
    if (tf.getBackend() !== 'tensorflow') throw new Error('backend is ' + tf.getBackend());
    const y = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]])).dataSync();
    if (y[0] !== 17 || y[1] !== 39) throw new Error('matMul gave ' + y);
    console.log('TensorFlow ' + tf.backend().binding.TF_Version);`;
  const env = { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' };
  const r = run(process.execPath, ['-e', code], { cwd: ROOT, env });
  return r.status === 0 ? { ok: true, info: r.stdout.trim() } : { ok: false, error: errorLine(r.stderr) };
}

/** python3 is needed to fetch and unpack the wheel (with pip) and to run gyp. */
function requirePython(withPip) {
  if (!have('python3'))
    throw new ProvisionError('python3 not found', `apt-get install -y python3 python3-pip && ${RERUN}`);
  if (withPip && !have('python3', '-m', 'pip', '--version'))
    throw new ProvisionError('pip for python3 not found', `apt-get install -y python3-pip && ${RERUN}`);
}

const findWheel = (dir, version) =>
  fs.existsSync(dir) && fs.readdirSync(dir).find((f) => f.includes(`-${version}-`) && f.endsWith('.whl'));

/** Download one wheel with pip, unless already there; null if pip can't get that version. */
function downloadWheel(version, dir) {
  if (findWheel(dir, version)) return path.join(dir, findWheel(dir, version));
  say(`downloading ${TF_PACKAGE}==${version} wheel with pip (~275 MB)...`);
  const platforms = PLATFORMS.flatMap((p) => ['--platform', p]);
  const r = run('python3', [
    '-m',
    'pip',
    'download',
    '--no-deps',
    '--only-binary=:all:',
    '--no-cache-dir',
    '--progress-bar',
    'off',
    '--python-version',
    PY_VERSION,
    ...platforms,
    '-d',
    dir,
    `${TF_PACKAGE}==${version}`,
  ]);
  return r.status === 0 && findWheel(dir, version) ? path.join(dir, findWheel(dir, version)) : null;
}

// Extracts the two shared objects plus the #include closure of the given
// headers: about 15 small files instead of the wheel's 270 MB of headers.
const EXTRACT_PY = `
import os, re, shutil, sys, zipfile
whl, out, roots = sys.argv[1], sys.argv[2], sys.argv[3:]
z = zipfile.ZipFile(whl); names = set(z.namelist()); inc = 'tensorflow/include/'
def put(member, dest):
    dest = os.path.join(out, dest); os.makedirs(os.path.dirname(dest), exist_ok=True)
    with z.open(member) as src, open(dest, 'wb') as dst: shutil.copyfileobj(src, dst, 1 << 20)
for lib in ${JSON.stringify(LIBS)}:
    if 'tensorflow/' + lib not in names: sys.exit('error: wheel has no tensorflow/' + lib)
    put('tensorflow/' + lib, 'lib/' + lib)
todo, seen = list(roots), set()
while todo:
    h = todo.pop()
    if h in seen or inc + h not in names: continue
    seen.add(h); put(inc + h, 'include/' + h)
    todo += re.findall(r'^\\s*#\\s*include\\s*"([^"]+)"', z.read(inc + h).decode('utf-8', 'replace'), re.M)
missing = [r for r in roots if r not in seen]
if missing: sys.exit('error: wheel lacks headers ' + ', '.join(missing))
`;

/** TensorFlow headers that tfjs-node's binding sources #include directly. */
function bindingHeaderRoots(tfjsDir) {
  const dir = path.join(tfjsDir, 'binding');
  const src = fs
    .readdirSync(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  return [...new Set([...src.matchAll(/#include\s*"(tensorflow\/[^"]+)"/g)].map((m) => m[1]))];
}

/** Ensure <cache>/<pkg>-<version>/{lib,include}; downloads and extracts only when missing. */
function ensureLibs(tfjsDir) {
  for (const version of TF_VERSIONS) {
    const dest = path.join(CACHE, `${TF_PACKAGE}-${version}`);
    if (fs.existsSync(path.join(dest, '.complete'))) return { version, dir: dest };
    requirePython(true);
    const whl = downloadWheel(version, path.join(CACHE, 'wheels'));
    if (!whl) {
      say(`pip could not get ${TF_PACKAGE}==${version}`);
      continue;
    }
    say(`extracting ${LIBS.join(', ')} and headers from ${path.basename(whl)}...`);
    const tmp = `${dest}.partial`; // renamed at the end, so an interrupted run leaves no half cache
    fs.rmSync(tmp, { recursive: true, force: true });
    const r = run('python3', ['-c', EXTRACT_PY, whl, tmp, ...bindingHeaderRoots(tfjsDir)]);
    if (r.status !== 0) {
      fs.rmSync(whl, { force: true }); // probably truncated: fetch it afresh next time
      throw new ProvisionError(`cannot extract wheel: ${errorLine(r.stderr)}`);
    }
    fs.writeFileSync(path.join(tmp, '.complete'), `${path.basename(whl)}\n`);
    fs.rmSync(dest, { recursive: true, force: true });
    fs.renameSync(tmp, dest);
    fs.rmSync(whl); // the extracted files are all we need; keeping 275 MB more helps nobody
    return { version, dir: dest };
  }
  throw new ProvisionError(`pip could not download ${TF_PACKAGE} ${TF_VERSIONS.join(' or ')}`);
}

/** Hard link (no extra disk, survives deleting the cache), or copy across filesystems. */
function linkOrCopy(src, dest) {
  try {
    fs.linkSync(src, dest);
  } catch {
    fs.copyFileSync(src, dest);
  }
}

/**
 * Lay the files out as binding.gyp expects: deps/include, and deps/lib where
 * -ltensorflow and -ltensorflow_framework resolve. The linker records the
 * sonames (libtensorflow_cc.so.2, libtensorflow_framework.so.2), which the
 * addon then finds at run time through its rpath $ORIGIN/../../deps/lib.
 */
function layoutDeps(tfjsDir, libDir) {
  const deps = path.join(tfjsDir, 'deps');
  fs.rmSync(deps, { recursive: true, force: true });
  fs.mkdirSync(path.join(deps, 'lib'), { recursive: true });
  fs.cpSync(path.join(libDir, 'include'), path.join(deps, 'include'), { recursive: true });
  for (const lib of LIBS) linkOrCopy(path.join(libDir, 'lib', lib), path.join(deps, 'lib', lib));
  fs.symlinkSync('libtensorflow_cc.so.2', path.join(deps, 'lib', 'libtensorflow.so'));
  fs.symlinkSync('libtensorflow_framework.so.2', path.join(deps, 'lib', 'libtensorflow_framework.so'));
}

/** The N-API build node-pre-gyp's find() looks for: the highest that both sides support. */
function napiVersion(pkg) {
  const ok = pkg.binary.napi_versions.filter((v) => v <= Number(process.versions.napi));
  if (!ok.length)
    throw new ProvisionError(`Node's N-API ${process.versions.napi} is too old for tfjs-node`, 'use Node >= 20');
  return Math.max(...ok);
}

/** npm's bundled node-gyp: npm tells scripts where it is; else look beside npm itself. */
function findNodeGyp() {
  const { npm_config_node_gyp: fromNpm, npm_execpath: npmCli } = process.env;
  const found = [
    fromNpm,
    npmCli && path.resolve(path.dirname(npmCli), '../node_modules/node-gyp/bin/node-gyp.js'),
    path.resolve(path.dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
  ].find((c) => c && fs.existsSync(c));
  if (!found) throw new ProvisionError('node-gyp not found (it ships with npm)', 'npm install -g npm');
  return found;
}

/** Compile tfjs_binding.node into lib/napi-vN against the local Node headers (no download). */
function buildAddon(tfjsDir, modulePath, napi) {
  const nodedir = path.resolve(path.dirname(process.execPath), '..'); // headers in <prefix>/include/node
  if (!fs.existsSync(path.join(nodedir, 'include', 'node', 'node_api.h')))
    throw new ProvisionError(`no Node headers in ${nodedir}/include/node`, 'apt-get install -y libnode-dev');
  requirePython(false);
  for (const tool of ['make', (process.env.CXX || 'g++').split(' ')[0]])
    if (!have(tool)) throw new ProvisionError(`${tool} not found`, `apt-get install -y g++ make && ${RERUN}`);
  say('compiling the tfjs-node addon with node-gyp...');
  // The module_* variables are what node-pre-gyp would pass; binding.gyp copies the .node there.
  const r = run(
    process.execPath,
    [
      findNodeGyp(),
      'rebuild',
      '-j',
      'max',
      `--nodedir=${nodedir}`,
      '--module_name=tfjs_binding',
      `--module_path=${modulePath}`,
      `--napi_build_version=${napi}`,
    ],
    { cwd: tfjsDir },
  );
  if (r.status !== 0) throw new ProvisionError(`addon build failed: ${errorLine(r.stderr)}`);
}

function provision() {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new ProvisionError(
      `no TensorFlow wheel recipe for ${process.platform}-${process.arch}`,
      'none needed, WebAssembly works',
    );
  const tfjsDir = findTfjsNode();
  if (!FORCE) {
    const state = addonWorks();
    if (state.ok) return say(`native backend already works (${state.info})`);
  }
  const { version, dir } = ensureLibs(tfjsDir);
  const pkg = JSON.parse(fs.readFileSync(path.join(tfjsDir, 'package.json'), 'utf8'));
  const napi = napiVersion(pkg);
  const modulePath = path.join(tfjsDir, pkg.binary.module_path.replace('{napi_build_version}', napi));
  // An addon fits any install of the same tfjs-node, TF and N-API versions, so `npm ci` need not recompile.
  const cached = path.join(dir, 'addon', `tfjs-node-${pkg.version}-napi-v${napi}`, 'tfjs_binding.node');

  layoutDeps(tfjsDir, dir);
  if (fs.existsSync(cached) && !FORCE) {
    say('reusing the cached addon build');
    fs.mkdirSync(modulePath, { recursive: true });
    fs.copyFileSync(cached, path.join(modulePath, 'tfjs_binding.node'));
  } else {
    buildAddon(tfjsDir, modulePath, napi);
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    fs.copyFileSync(path.join(modulePath, 'tfjs_binding.node'), cached);
  }
  const state = addonWorks();
  if (!state.ok) throw new ProvisionError(`addon built but does not load: ${state.error}`);
  say(`native TensorFlow backend ready (${TF_PACKAGE} ${version}, ${state.info})`);
}

try {
  provision();
} catch (err) {
  const fix = err instanceof ProvisionError ? err.fix : `${RERUN} --force --strict  (details: ${LOG})`;
  try {
    log(String(err?.stack ?? err));
  } catch {
    /* the cache dir itself may be what failed */
  }
  console.error(
    `dead-neurons: native TensorFlow backend not provisioned (${err?.message ?? err}); using WebAssembly. Fix: ${fix}`,
  );
  process.exitCode = STRICT ? 1 : 0;
}
