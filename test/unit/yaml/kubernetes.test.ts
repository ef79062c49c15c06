import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFixture } from '../../helpers/fixtures.js';
import { analyze } from '../../../server/src/core/analyze.js';
import { neutralizeTemplates } from '../../../server/src/core/analyzers/yaml/templates.js';
import { fixture, rangeText, read } from './support.js';

describe('Kubernetes manifests', () => {
  it('deployment.yaml: Deployment (containers, initContainers), CronJob, ConfigMap, Secret', () => {
    const found = checkFixture(fixture('container-env-literal-secret/k8s/deployment.yaml'));
    const text = read('container-env-literal-secret/k8s/deployment.yaml');
    const at = (line: number) => found.find((f) => f.range.start.line === line - 1)!;
    assert.equal(rangeText(text, at(20)), 'Kd8s2nVq4xLp');
    assert.equal(rangeText(text, at(26)), 'sk-proj-F3a4fLUYhLuFP57Jfl5kT3BlbkFJpKnN5E0WjnadErYOrrGa');
    assert.equal(rangeText(text, at(28)), 'redis-pass-2024');
    assert.equal(at(26).symbolPath, 'spec.template.spec.containers[0].env.OPENAI_API_KEY');
    assert.equal(at(20).symbolPath, 'spec.template.spec.initContainers[0].env.DATABASE_URL');
    assert.match(at(26).message, /container 'server' \(Deployment 'mcp-server'\)/);
    assert.match(at(26).message, /secretKeyRef/);
    // valueFrom VAULT_TOKEN: flagged at the name, since there is no value to point at.
    assert.equal(rangeText(text, at(32)), 'VAULT_TOKEN');
    // CronJob: spec.jobTemplate.spec.template.spec.
    assert.equal(at(77).symbolPath, 'spec.jobTemplate.spec.template.spec.containers[0].env.SLACK_BOT_TOKEN');
    assert.equal(at(79).ruleId, 'vault-static-token');
    // ConfigMap entries: flagged, with advice to move them to a Secret, and no automatic fix.
    assert.match(at(90).message, /ConfigMap 'mcp-server-config'.*Secret/);
    assert.deepEqual(at(90).fixes, []);
  });

  it('workloads.yaml: Pod, StatefulSet, DaemonSet, Job, List/ReplicaSet, anchors, flow env', () => {
    const found = checkFixture(fixture('container-env-literal-secret/k8s/workloads.yaml'));
    const text = read('container-env-literal-secret/k8s/workloads.yaml');
    const at = (line: number) => found.find((f) => f.range.start.line === line - 1)!;
    assert.equal(rangeText(text, at(10)), 'sk-proj-F3a4fLUYhLuFP57Jfl5kT3BlbkFJpKnN5E0WjnadErYOrrGa');
    assert.equal(at(80).symbolPath, 'items[0].spec.template.spec.containers[0].env.SESSION_SECRET');
    // The anchored env list serves two containers: one finding, where it is written.
    assert.equal(found.filter((f) => f.range.start.line === 29).length, 1);
  });

  it('Helm template: unparseable as-is, still analysed, templated values are references', () => {
    const rel = 'container-env-literal-secret/k8s/chart/templates/deployment.yaml';
    const found = checkFixture(fixture(rel));
    const text = read(rel);
    assert.equal(rangeText(text, found[0]), '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');
    // The Secret name falls back to the container name when the workload name is templated.
    assert.match(found[0].fixes[0].title, /secretKeyRef server-secrets\/github-token/);
  });

  it('template neutralisation keeps every offset and leaves GitHub expressions alone', () => {
    const text = read('container-env-literal-secret/k8s/chart/templates/deployment.yaml');
    const neutral = neutralizeTemplates(text);
    assert.equal(neutral.length, text.length);
    assert.deepEqual(neutral.split('\n').map((l) => l.length), text.split('\n').map((l) => l.length));
    assert.ok(!neutral.includes('{{'));
    const standalone = text.split('\n').findIndex((l) => l.includes('{{- include "mcp.labels"'));
    assert.equal(neutral.split('\n')[standalone].trim(), '', 'an action alone on its line becomes blank');
    assert.match(neutral, /name: x+$/m, 'an inline action becomes a placeholder');
    const gha = 'run: echo ${{ secrets.X }}';
    assert.equal(neutralizeTemplates(gha), gha);
  });

  it('a Secret holding placeholders and valueFrom references never fire', () => {
    const text = [
      'apiVersion: v1', 'kind: Secret', 'metadata: {name: s}', 'stringData:', '  api-key: <set-me>', '  token: changeme', '---',
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '    - name: c', '      env:',
      '        - name: API_KEY', '          valueFrom: {secretKeyRef: {name: s, key: api-key}}', '',
    ].join('\n');
    assert.deepEqual(analyze({ path: '/ws/k8s/pod.yaml', text }).findings, []);
  });
});
