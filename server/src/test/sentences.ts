import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

/**
 * Every sentence the server can refuse with, read from the source (so this list cannot go stale):
 * what is passed to a DomainError subclass (its own defaults and `super` calls too), every
 * `{ code, message }` object (socket `error` events), what the error handler and the socket upgrade
 * hand to the translator, and the custom
 * messages of the contracts' schemas. Constants, object maps, conditionals and helper functions that
 * return sentences are followed; a template's `${…}` parts become `{name}` placeholders.
 */
const ERROR_CLASSES = new Set([
  "DomainError",
  "Invalid",
  "Unauthenticated",
  "Forbidden",
  "NotFound",
  "Conflict",
  "AccountRestricted",
]);

const root = join(import.meta.dirname, "../../..");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && !path.includes("/test/") ? [path] : [];
  });
}

type Source = { path: string; file: ts.SourceFile };

const load = (dir: string): Source[] =>
  filesUnder(join(root, dir)).map((path) => ({
    path: relative(root, path),
    file: ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true),
  }));

function walk(node: ts.Node, visit: (node: ts.Node) => void) {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

export type Scan = { sentences: Set<string>; unresolved: string[] };

export function serverSentences(): Scan {
  const server = load("server/src");
  const contracts = load("contracts/src");
  // Names → what they stand for, across files (constants are imported by name).
  const values = new Map<string, ts.Expression[]>();
  const functions = new Map<string, ts.Node[]>();
  for (const { file } of [...server, ...contracts]) {
    walk(file, (node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        if (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
          functions.set(node.name.text, [...(functions.get(node.name.text) ?? []), node.initializer]);
        else values.set(node.name.text, [...(values.get(node.name.text) ?? []), node.initializer]);
      }
      if (ts.isFunctionDeclaration(node) && node.name)
        functions.set(node.name.text, [...(functions.get(node.name.text) ?? []), node]);
    });
  }

  const sentences = new Set<string>();
  const unresolved: string[] = [];
  const where = (node: ts.Node) => {
    const file = node.getSourceFile();
    return `${relative(root, file.fileName)}: ${node.getText()}`;
  };

  const placeholder = (expression: ts.Expression): string => {
    if (ts.isIdentifier(expression)) return expression.text;
    if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
    if (ts.isCallExpression(expression) && expression.arguments[0])
      return placeholder(expression.arguments[0] as ts.Expression);
    if (ts.isParenthesizedExpression(expression)) return placeholder(expression.expression);
    return "n";
  };

  /** The possible texts of an expression; templates with `{name}` placeholders. */
  function texts(expression: ts.Expression, seen = new Set<ts.Node>()): string[] | null {
    if (seen.has(expression)) return []; // a cycle
    seen.add(expression);
    try {
      return textsOf(expression, seen);
    } finally {
      seen.delete(expression);
    }
  }
  function textsOf(expression: ts.Expression, seen: Set<ts.Node>): string[] | null {
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return [expression.text];
    if (ts.isNumericLiteral(expression)) return [expression.text];
    if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression))
      return texts(expression.expression, seen);
    if (ts.isTemplateExpression(expression)) {
      let results = [expression.head.text];
      for (const span of expression.templateSpans) {
        // A constant sentence is written into the template; anything else becomes a placeholder
        // (whose own sentences, if any, are catalogued on their own).
        let parts: string[] = [`{${placeholder(span.expression)}}`];
        const numeric = ts.isIdentifier(span.expression) && values.get(span.expression.text)?.[0];
        if (numeric && ts.isNumericLiteral(numeric)) parts = [numeric.text];
        else if (ts.isIdentifier(span.expression) && values.has(span.expression.text)) {
          const inner = texts(span.expression, seen);
          if (inner && inner.length === 1) parts = inner;
          else if (inner) for (const text of inner) sentences.add(text);
        }
        results = results.flatMap((r) => parts.map((p) => r + p + span.literal.text));
      }
      return results;
    }
    if (ts.isConditionalExpression(expression)) return both(expression.whenTrue, expression.whenFalse, seen);
    if (
      ts.isBinaryExpression(expression) &&
      [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(expression.operatorToken.kind)
    )
      return both(expression.left, expression.right, seen);
    if (ts.isIdentifier(expression)) {
      const found = values.get(expression.text);
      if (!found) return fromCallers(expression, seen);
      return merge(found.map((value) => texts(value, seen)));
    }
    if (ts.isObjectLiteralExpression(expression))
      return merge(expression.properties.map((p) => (ts.isPropertyAssignment(p) ? texts(p.initializer, seen) : [])));
    if (ts.isElementAccessExpression(expression)) return texts(expression.expression, seen);
    if (ts.isCallExpression(expression) && ts.isIdentifier(expression.expression)) {
      const found = functions.get(expression.expression.text);
      if (!found) return null;
      const results: (string[] | null)[] = [];
      for (const fn of found) {
        const body = (fn as ts.FunctionDeclaration).body;
        if (body && !ts.isBlock(body)) results.push(texts(body as ts.Expression, seen));
        else if (body)
          walk(body, (node) => {
            if (ts.isReturnStatement(node) && node.expression) results.push(texts(node.expression, seen));
          });
      }
      return merge(results);
    }
    return null;
  }
  /** A parameter of a named function: what its callers pass. */
  function fromCallers(identifier: ts.Identifier, seen: Set<ts.Node>): string[] | null {
    let fn: ts.Node | undefined = identifier.parent;
    while (fn && !ts.isFunctionDeclaration(fn)) fn = fn.parent;
    if (!fn || !ts.isFunctionDeclaration(fn) || !fn.name) return null;
    const index = fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === identifier.text);
    if (index < 0) return null;
    const name = fn.name.text;
    const results: (string[] | null)[] = [];
    walk(identifier.getSourceFile(), (node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name) {
        const arg = node.arguments[index];
        if (arg) results.push(texts(arg, seen));
      }
    });
    return results.length === 0 ? null : merge(results);
  }
  const both = (a: ts.Expression, b: ts.Expression, seen: Set<ts.Node>) => merge([texts(a, seen), texts(b, seen)]);
  const merge = (lists: (string[] | null)[]) =>
    lists.some((l) => l === null) && lists.every((l) => l === null || l.length === 0)
      ? null
      : lists.flatMap((l) => l ?? []);

  const collect = (expression: ts.Expression | undefined) => {
    if (!expression) return;
    const found = texts(expression);
    if (found === null) unresolved.push(where(expression));
    else for (const text of found) sentences.add(text);
  };
  // Words a person reads: at least a space and a word outside the placeholders.
  const readable = (text: string) => /\s/.test(text) && /[a-z]{2}/i.test(text.replace(/\{\w+\}/g, ""));

  for (const { file } of server) {
    walk(file, (node) => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && ERROR_CLASSES.has(node.expression.text)) {
        collect(node.arguments?.[node.expression.text === "DomainError" ? 2 : 0]);
      }
      // Sentences handed to the translator directly (the error handler, the socket upgrade).
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const index = { translate: 0, translateIssue: 0, answer: 2 }[node.expression.text];
        if (index !== undefined && node.arguments[index] && !ts.isIdentifier(node.arguments[index]))
          collect(node.arguments[index]);
      }
      // The error classes' own defaults and composed sentences.
      if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.SuperKeyword &&
        node.arguments.length >= 3
      )
        collect(node.arguments[2]);
      if (ts.isParameter(node) && ts.isIdentifier(node.name) && node.name.text === "message" && node.initializer)
        collect(node.initializer);
      // `{ code, message }`: socket error events and answers written by hand.
      if (ts.isObjectLiteralExpression(node)) {
        const props = new Map(
          node.properties.filter(ts.isPropertyAssignment).map((p) => [p.name.getText(), p.initializer]),
        );
        const message = props.get("message");
        if (props.has("code") && message && !ts.isIdentifier(message) && !ts.isPropertyAccessExpression(message))
          collect(message);
      }
    });
  }
  // The contracts' own validation messages: sentence-like string arguments and `message`/`error` values.
  const sentenceLike = (text: string) => /^[A-Z]/.test(text) && /\s/.test(text) && /[.!?)]$/.test(text);
  for (const { file } of contracts) {
    walk(file, (node) => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === "describe") return;
        for (const arg of node.arguments)
          if (ts.isStringLiteral(arg) && sentenceLike(arg.text)) sentences.add(arg.text);
      }
      if (
        ts.isPropertyAssignment(node) &&
        ["message", "error"].includes(node.name.getText()) &&
        ts.isStringLiteral(node.initializer) &&
        sentenceLike(node.initializer.text)
      )
        sentences.add(node.initializer.text);
    });
  }
  return { sentences: new Set([...sentences].filter(readable)), unresolved };
}
