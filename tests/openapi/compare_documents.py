#!/usr/bin/env python3
"""Compares two OpenAPI documents operation by operation, with every $ref resolved, and prints
what the second lacks or adds: paths and operations, parameters (by name and place, and their
schemas), request bodies, answers by status (their bodies and headers), summaries, security, and
every schema's fields. Exit 1 when the second lacks anything the first has.
    python3 tests/openapi/compare_documents.py OLD.json NEW.json
"""
import json
import sys


def resolve(doc, node, depth=0):
    """node with every $ref replaced by what it names (recursively, to a bounded depth)"""
    if depth > 40:
        return node
    if isinstance(node, dict):
        if '$ref' in node and isinstance(node['$ref'], str):
            target = doc
            for part in node['$ref'][2:].split('/'):
                target = target[part.replace('~1', '/').replace('~0', '~')]
            rest = {k: v for k, v in node.items() if k != '$ref'}
            merged = dict(resolve(doc, target, depth + 1))
            merged.update(resolve(doc, rest, depth + 1))
            return merged
        return {k: resolve(doc, v, depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [resolve(doc, v, depth + 1) for v in node]
    return node


def fields(schema, prefix, out):
    """every property path a schema names: a.b, a[].c"""
    if not isinstance(schema, dict):
        return
    for key in ('allOf', 'anyOf', 'oneOf'):
        for part in schema.get(key, []):
            fields(part, prefix, out)
    for name, sub in schema.get('properties', {}).items():
        out.add(prefix + name)
        fields(sub, prefix + name + '.', out)
    if 'items' in schema:
        fields(schema['items'], prefix + '[].', out)


def operations(doc):
    out = {}
    for path, methods in doc.get('paths', {}).items():
        for method, op in methods.items():
            out[f'{method.upper()} {path}'] = resolve(doc, op)
    return out


def main():
    old, new = (json.load(open(p)) for p in sys.argv[1:3])
    lacking, adding = [], []
    a, b = operations(old), operations(new)
    for key in sorted(set(a) - set(b)):
        lacking.append(f'{key}: operation missing')
    for key in sorted(set(b) - set(a)):
        adding.append(f'{key}: operation added')
    for key in sorted(set(a) & set(b)):
        x, y = a[key], b[key]
        px = {(p['name'], p['in']): p for p in x.get('parameters', [])}
        py = {(p['name'], p['in']): p for p in y.get('parameters', [])}
        for p in sorted(set(px) - set(py)):
            lacking.append(f'{key}: parameter {p[1]} {p[0]} missing')
        for p in sorted(set(py) - set(px)):
            adding.append(f'{key}: parameter {p[1]} {p[0]} added')
        for p in sorted(set(px) & set(py)):
            if px[p] != py[p]:
                adding.append(f'{key}: parameter {p[1]} {p[0]} differs: {json.dumps(px[p])} -> {json.dumps(py[p])}')
        if x.get('requestBody') != y.get('requestBody'):
            (lacking if 'requestBody' in x else adding).append(
                f'{key}: request body {"differs" if "requestBody" in y else "missing"}')
        rx, ry = x.get('responses', {}), y.get('responses', {})
        for s in sorted(set(rx) - set(ry)):
            lacking.append(f'{key}: answer {s} missing')
        for s in sorted(set(ry) - set(rx)):
            adding.append(f'{key}: answer {s} added')
        for s in sorted(set(rx) & set(ry)):
            if rx[s] != ry[s]:
                lacking.append(f'{key}: answer {s} differs')
        for field in ('summary', 'description', 'security', 'operationId', 'tags'):
            if x.get(field) != y.get(field):
                target = lacking if field in x and field not in y else adding
                target.append(f'{key}: {field}: {json.dumps(x.get(field), ensure_ascii=False)} -> '
                              f'{json.dumps(y.get(field), ensure_ascii=False)}')
    sx = old.get('components', {}).get('schemas', {})
    sy = new.get('components', {}).get('schemas', {})
    for name in sorted(set(sx) - set(sy)):
        lacking.append(f'schema {name} missing')
    for name in sorted(set(sx) & set(sy)):
        fx, fy = set(), set()
        fields(resolve(old, sx[name]), '', fx)
        fields(resolve(new, sy[name]), '', fy)
        for f in sorted(fx - fy):
            lacking.append(f'schema {name}: field {f} missing')
        if resolve(old, sx[name]) != resolve(new, sy[name]):
            adding.append(f'schema {name} differs')
    print(f'{len(a)} operations before, {len(b)} after; {len(lacking)} things lacking, '
          f'{len(adding)} added or changed')
    for line in lacking:
        print('LACKS  ' + line)
    for line in adding:
        print('ADDS   ' + line)
    return 1 if lacking else 0


if __name__ == '__main__':
    sys.exit(main())
