#!/usr/bin/env bash
# Static checks of deploy/production (no Docker or cluster needed):
#  - every YAML file parses (PyYAML);
#  - the env names given to ingest and worker (compose and k8s) are names the services read
#    (packages/config/src schemas, process.env.X in services/<name>/src), and none they require
#    is missing;
#  - compose: ${VAR} interpolations are documented in .env.example, depends_on / mounts /
#    Dockerfile exist; the registered search attributes match workflows/src/searchAttributes.ts;
#  - k8s: referenced ConfigMaps/Secrets exist, Service selectors and ports match a Deployment,
#    ingest has a readiness probe on GET /healthz, kustomization resources exist.
# Usage: bash deploy/production/check.sh     (exit 1 on any error)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python3 -c 'import yaml' 2>/dev/null || { echo "check.sh needs PyYAML: apt-get install python3-yaml (or pip install pyyaml)" >&2; exit 2; }
# The Temporal release and shard count the cluster fault test proved (docs/cluster.md).
bash "$here/scripts/check-temporal-release.sh" >/dev/null || { bash "$here/scripts/check-temporal-release.sh"; exit 1; }
exec python3 - "$here" <<'PY'
import glob, os, re, sys
import yaml

here = sys.argv[1]
root = os.path.abspath(os.path.join(here, '..', '..'))
errors, warnings = [], []
rel = lambda p: os.path.relpath(p, root)

# 1. Every YAML file parses.
docs = {}
for path in sorted(glob.glob(os.path.join(here, '**', '*.y*ml'), recursive=True)):
    try:
        with open(path) as f:
            docs[path] = [d for d in yaml.safe_load_all(f) if d is not None]
        print(f'ok   parsed {rel(path)} ({len(docs[path])} document(s))')
    except yaml.YAMLError as e:
        errors.append(f'{rel(path)}: {e}')

# 2. The env names each service reads, and which of them it requires.
def schema_names(path):
    # An entry runs from its name to the next name (a formatter may break a zod chain over lines).
    names, required = set(), set()
    text = open(path).read()
    entries = list(re.finditer(r'^\s+([A-Z][A-Z0-9_]+)\s*:', text, re.M))
    for i, m in enumerate(entries):
        chunk = text[m.end():entries[i + 1].start() if i + 1 < len(entries) else len(text)]
        names.add(m.group(1))
        if '.default(' not in chunk and 'optional(' not in chunk:
            required.add(m.group(1))
    return names, required

def service_env(service):
    cfg = os.path.join(root, 'packages', 'config', 'src')
    names, required = set(), set()
    for part in ('base', service):
        path = os.path.join(cfg, f'{part}.ts')
        if os.path.exists(path):
            n, r = schema_names(path)
            names |= n; required |= r
    if not names:  # no config package yet: the documented list
        warnings.append(f'packages/config/src not found: using the documented env list for {service}')
        names = {'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'MONGODB_URI', 'SENDGRID_API_KEY',
                 'SENDGRID_BASE_URL', 'PUBLIC_BASE_URL', 'INBOUND_REPLY_DOMAIN', 'INBOUND_WEBHOOK_SECRET',
                 'REPLY_TOKEN_SECRET', 'PORT', 'LOG_LEVEL'}
        required = {'TEMPORAL_ADDRESS', 'MONGODB_URI', 'SENDGRID_API_KEY', 'INBOUND_REPLY_DOMAIN', 'REPLY_TOKEN_SECRET'}
        if service == 'ingest':
            required.add('INBOUND_WEBHOOK_SECRET')
    for path in glob.glob(os.path.join(root, 'services', service, 'src', '**', '*.ts'), recursive=True):
        names |= set(re.findall(r'process\.env\.([A-Z][A-Z0-9_]+)', open(path).read()))
    return names | {'NODE_ENV'}, required

env = {s: service_env(s) for s in ('ingest', 'worker')}
for s, (names, required) in env.items():
    print(f'ok   {s} reads {len(names)} env names, requires {", ".join(sorted(required))}')

def check_env(where, service, given):
    names, required = env[service]
    for name in sorted(set(given) - names):
        errors.append(f'{where}: {service} is given {name}, which it does not read (typo?)')
    for name in sorted(required - set(given)):
        errors.append(f'{where}: {service} requires {name}, which is not set')

def entry_file(where, command):
    # Production runs compiled JavaScript: node <workspace>/dist/<file>.js, built from <workspace>/src/<file>.ts.
    args = [a for a in command or [] if isinstance(a, str)]
    if 'tsx' in args or any(a.endswith('.ts') for a in args):
        errors.append(f'{where}: runs TypeScript through tsx; production runs the compiled dist/*.js')
    for arg in args:
        m = re.match(r'^((?:packages|services)/[^/]+|workflows)/dist/(.+)\.js$', arg)
        if arg.endswith('.js') and not m:
            errors.append(f'{where}: runs {arg}, which is not a compiled <workspace>/dist/*.js file')
        elif m and not os.path.exists(os.path.join(root, m.group(1), 'src', m.group(2) + '.ts')):
            errors.append(f'{where}: runs {arg}, but {m.group(1)}/src/{m.group(2)}.ts does not exist')
    if args and '--conditions=compiled' not in args:
        errors.append(f'{where}: node needs --conditions=compiled to load the packages\' dist/')

# 3. compose.yaml
compose_path = os.path.join(here, 'compose.yaml')
compose = (docs.get(compose_path) or [{}])[0]
services = compose.get('services', {})
example = {}
with open(os.path.join(here, '.env.example')) as f:
    for line in f:
        m = re.match(r'([A-Z][A-Z0-9_]*)=', line)
        if m:
            example[m.group(1)] = True
for m in re.finditer(r'\$\{([A-Z][A-Z0-9_]*)(:?[-?])?', open(compose_path).read()):
    name, op = m.group(1), m.group(2) or ''
    if '-' not in op and name not in example:
        errors.append(f'compose.yaml: ${{{name}}} has no default and is not in .env.example')
for name, svc in services.items():
    deps = svc.get('depends_on', {})
    for dep in (deps if isinstance(deps, list) else deps.keys()):
        if dep not in services:
            errors.append(f'compose.yaml: {name} depends on unknown service {dep}')
    for vol in svc.get('volumes', []):
        src = vol.split(':')[0] if isinstance(vol, str) else vol.get('source', '')
        if src.startswith('.') and not os.path.exists(os.path.join(here, src)):
            errors.append(f'compose.yaml: {name} mounts missing {src}')
    build = svc.get('build')
    if build:
        context = os.path.join(here, build.get('context', '.'))
        if not os.path.exists(os.path.join(context, build.get('dockerfile', 'Dockerfile'))):
            errors.append(f'compose.yaml: {name} builds from a missing Dockerfile')
for name in ('ingest', 'worker'):
    if name not in services:
        errors.append(f'compose.yaml: no {name} service')
        continue
    given = services[name].get('environment', {})
    given = given if isinstance(given, dict) else dict(e.split('=', 1) for e in given)
    check_env(f'compose.yaml services.{name}', name, given)
    entry_file(f'compose.yaml services.{name}', services[name].get('command'))
for name in ('ingest', 'worker'):
    svc = services.get(name, {})
    if svc.get('read_only') is not True or '/tmp' not in (svc.get('tmpfs') or []):
        errors.append(f'compose.yaml services.{name}: needs read_only: true and a tmpfs /tmp')
if 'SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY' not in (services.get('ingest', {}).get('environment') or {}):
    errors.append('compose.yaml services.ingest: does not pass SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY')
print('ok   compose.yaml checked')

# 3b. Dockerfile: a supported Node, a build stage, production dependencies without install scripts, non-root.
dockerfile = open(os.path.join(here, 'Dockerfile')).read()
cmd = re.search(r'^CMD (\[.*\])', dockerfile, re.M)
entry_file('Dockerfile CMD', yaml.safe_load(cmd.group(1)) if cmd else [])
node = re.search(r'^ARG NODE_VERSION=(\d+)', dockerfile, re.M)
if not node or int(node.group(1)) < 22:
    errors.append('Dockerfile: NODE_VERSION must be 22 (LTS) or newer (Node 20 reached its end of life on 2026-04-30)')
stages = re.split(r'^FROM ', dockerfile, flags=re.M)[1:]
runtime = stages[-1] if stages else ''
if len(stages) < 2 or 'npm run build' not in ''.join(stages[:-1]):
    errors.append('Dockerfile: needs a build stage that runs npm run build')
if not re.search(r'npm ci --omit=dev --ignore-scripts', runtime):
    errors.append('Dockerfile: the runtime stage must install with npm ci --omit=dev --ignore-scripts')
user = re.findall(r'^USER (\S+)', runtime, re.M)
if not user or user[-1] in ('root', '0'):
    errors.append('Dockerfile: the runtime stage must end as a non-root USER')
print('ok   Dockerfile checked')

# 4. Search attributes: the registration script against the workflow code.
script = open(os.path.join(here, 'scripts', 'register-search-attributes.sh')).read()
registered = dict(p.split(':') for p in re.search(r'SEARCH_ATTRIBUTES="([^"]*)"', script).group(1).split())
wanted_path = os.path.join(root, 'workflows', 'src', 'searchAttributes.ts')
if os.path.exists(wanted_path):
    cli_type = {'KEYWORD': 'Keyword', 'TEXT': 'Text', 'INT': 'Int', 'DOUBLE': 'Double', 'BOOL': 'Bool', 'DATETIME': 'Datetime', 'KEYWORD_LIST': 'KeywordList'}
    wanted = {name: cli_type[t] for name, t in re.findall(r"defineSearchAttributeKey\('([A-Za-z]+)', SearchAttributeType\.([A-Z_]+)\)", open(wanted_path).read())}
    if wanted != registered:
        errors.append(f'scripts/register-search-attributes.sh registers {registered}, workflows/src/searchAttributes.ts declares {wanted}')
    else:
        print(f'ok   {len(registered)} search attributes match workflows/src/searchAttributes.ts')
else:
    warnings.append('workflows/src/searchAttributes.ts not found: search attributes not cross-checked')

# 5. Kubernetes manifests.
k8s = [(p, d) for p, ds in docs.items() if os.sep + 'k8s' + os.sep in p for d in ds]
objects = {}
for path, d in k8s:
    if d.get('kind') == 'Kustomization':
        for res in d.get('resources', []):
            if not os.path.exists(os.path.join(os.path.dirname(path), res)):
                errors.append(f'{rel(path)}: resource {res} does not exist')
        continue
    if not all(d.get(k) for k in ('apiVersion', 'kind')) or not d.get('metadata', {}).get('name'):
        errors.append(f'{rel(path)}: a document lacks apiVersion, kind or metadata.name')
        continue
    objects[(d['kind'], d['metadata']['name'])] = d
deployments = [d for (kind, _), d in objects.items() if kind == 'Deployment']
for dep in deployments:
    name = dep['metadata']['name']
    spec = dep['spec']['template']['spec']
    labels = dep['spec']['template']['metadata'].get('labels', {})
    if not set(dep['spec']['selector']['matchLabels'].items()) <= set(labels.items()):
        errors.append(f'Deployment {name}: selector does not match its pod labels')
    for c in spec['containers']:
        service = c['name']
        keys = [e['name'] for e in c.get('env', [])]
        for src in c.get('envFrom', []):
            for kind, ref in (('ConfigMap', 'configMapRef'), ('Secret', 'secretRef')):
                if ref in src:
                    obj = objects.get((kind, src[ref]['name']))
                    if obj is None:
                        errors.append(f'Deployment {name}: {kind} {src[ref]["name"]} is not defined')
                    else:
                        keys += list(obj.get('data', {})) + list(obj.get('stringData', {}))
        security = c.get('securityContext', {})
        if security.get('readOnlyRootFilesystem') is not True or security.get('allowPrivilegeEscalation') is not False:
            errors.append(f'Deployment {name}: {service} needs readOnlyRootFilesystem: true and allowPrivilegeEscalation: false')
        if spec.get('securityContext', {}).get('runAsNonRoot') is not True:
            errors.append(f'Deployment {name}: the pod needs runAsNonRoot: true')
        if service in env:
            check_env(f'Deployment {name}', service, keys)
            entry_file(f'Deployment {name}', c.get('command'))
        else:
            errors.append(f'Deployment {name}: container {service} is neither ingest nor worker')
        if service == 'ingest':
            probe = c.get('readinessProbe', {}).get('httpGet', {})
            ports = {p.get('name') for p in c.get('ports', [])} | {p['containerPort'] for p in c.get('ports', [])}
            if probe.get('path') != '/healthz' or probe.get('port') not in ports:
                errors.append(f'Deployment {name}: ingest needs a readinessProbe httpGet /healthz on a declared port')
for (kind, name), svc in objects.items():
    if kind != 'Service':
        continue
    selector = set(svc['spec'].get('selector', {}).items())
    targets = [d for d in deployments if selector <= set(d['spec']['template']['metadata'].get('labels', {}).items())]
    if not targets:
        errors.append(f'Service {name}: selector matches no Deployment')
    for port in svc['spec'].get('ports', []):
        target = port.get('targetPort', port['port'])
        declared = {p.get('name') for d in targets for c in d['spec']['template']['spec']['containers'] for p in c.get('ports', [])} | \
                   {p['containerPort'] for d in targets for c in d['spec']['template']['spec']['containers'] for p in c.get('ports', [])}
        if target not in declared:
            errors.append(f'Service {name}: targetPort {target} is not a container port of the selected pods')
print(f'ok   k8s: {len(objects)} objects checked')

for w in warnings:
    print(f'WARN {w}')
for e in errors:
    print(f'FAIL {e}')
print(f'{"FAILED" if errors else "PASSED"}: {len(errors)} error(s), {len(warnings)} warning(s)')
sys.exit(1 if errors else 0)
PY
