import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * Just enough of kustomize to render deploy/k8s offline in a test (no kubectl here):
 * `resources` (files and directories with their own kustomization), `namespace`, `images`
 * (newName/newTag), `labels` (pairs, includeSelectors) and `patches` given by `path` as
 * strategic-merge patches. Lists of objects with a `name` merge by name, as kubernetes'
 * merge keys do for containers, env, ports and volumes; other lists are replaced.
 * Anything else in a kustomization is refused, so the test fails rather than ignore it.
 */
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: unknown };

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'labels', 'patches']);

export function loadYamlObjects(file: string): K8sObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

export function renderKustomization(dir: string): K8sObject[] {
  const file = path.join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new Error(`no kustomization.yaml in ${dir}`);
  const [k] = loadYamlObjects(file) as unknown as Record<string, any>[];
  const unknown = Object.keys(k!).filter((key) => !SUPPORTED.has(key));
  if (unknown.length) throw new Error(`${file}: kustomize-lite does not support ${unknown.join(', ')}`);

  let objects: K8sObject[] = [];
  for (const resource of (k!.resources ?? []) as string[]) {
    const target = path.resolve(dir, resource);
    objects.push(...(statSync(target).isDirectory() ? renderKustomization(target) : loadYamlObjects(target)));
  }
  for (const patch of (k!.patches ?? []) as { path?: string }[]) {
    if (!patch.path) throw new Error(`${file}: only patches with a path are supported`);
    for (const p of loadYamlObjects(path.resolve(dir, patch.path))) {
      const index = objects.findIndex((o) => o.kind === p.kind && o.metadata.name === p.metadata.name);
      if (index < 0) throw new Error(`${file}: patch ${patch.path} matches no ${p.kind}/${p.metadata.name}`);
      objects[index] = strategicMerge(objects[index], p) as K8sObject;
    }
  }
  for (const label of (k!.labels ?? []) as { pairs: Record<string, string>; includeSelectors?: boolean }[]) {
    objects = objects.map((o) => {
      const copy = structuredClone(o);
      copy.metadata.labels = { ...copy.metadata.labels, ...label.pairs };
      const template = (copy as any).spec?.template?.metadata;
      if (template) template.labels = { ...template.labels, ...label.pairs };
      if (label.includeSelectors) throw new Error(`${file}: includeSelectors is not supported`);
      return copy;
    });
  }
  for (const image of (k!.images ?? []) as { name: string; newName?: string; newTag?: string }[]) {
    objects = objects.map((o) => replaceImages(o, image));
  }
  if (k!.namespace) {
    objects = objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: k!.namespace } }));
  }
  return objects;
}

export function strategicMerge(base: unknown, patch: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(patch)) {
    const named = (list: unknown[]) => list.every((x) => x && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string');
    if (!named(base) || !named(patch)) return structuredClone(patch);
    const out = structuredClone(base) as { name: string }[];
    for (const item of patch as { name: string }[]) {
      const index = out.findIndex((x) => x.name === item.name);
      if (index < 0) out.push(structuredClone(item));
      else out[index] = strategicMerge(out[index], item) as { name: string };
    }
    return out;
  }
  if (base && patch && typeof base === 'object' && typeof patch === 'object' && !Array.isArray(base) && !Array.isArray(patch)) {
    const out: Record<string, unknown> = structuredClone(base as Record<string, unknown>);
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete out[key];
      else out[key] = key in out ? strategicMerge(out[key], value) : structuredClone(value);
    }
    return out;
  }
  return structuredClone(patch);
}

function replaceImages(o: K8sObject, image: { name: string; newName?: string; newTag?: string }): K8sObject {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'image' && typeof value === 'string' && value.split(':')[0] === image.name) {
        const tag = image.newTag ?? value.split(':')[1];
        out[key] = `${image.newName ?? image.name}${tag ? `:${tag}` : ''}`;
      } else out[key] = walk(value);
    }
    return out;
  };
  return walk(o) as K8sObject;
}
