'use strict';
/**
 * Apex syntax check without an org, using the ANTLR grammar of @apexdevtools/apex-parser (the parser
 * behind the Apex Dev Tools language tooling). It catches syntax errors only: types, methods and
 * coverage are checked by the org when `sf apex run test` runs AbmInsightsControllerTest.
 */
const { ApexParserFactory, ApexErrorListener } = require('@apexdevtools/apex-parser');

class CollectingListener extends ApexErrorListener {
  constructor() {
    super();
    this.errors = [];
  }

  apexSyntaxError(line, column, msg) {
    // ANTLR lists every token it would have accepted; the first part says enough.
    this.errors.push({ line, column, msg: msg.length > 120 ? `${msg.slice(0, 117)}...` : msg });
  }
}

/** Returns the syntax errors of one Apex class source, or [] when it parses. */
function apexSyntaxErrors(source) {
  const listener = new CollectingListener();
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  parser.compilationUnit();
  return listener.errors;
}

function checkApexSyntax(inv) {
  const problems = [];
  for (const [name, source] of inv.classes) {
    for (const e of apexSyntaxErrors(source)) problems.push(`Apex ${name}:${e.line}:${e.column}: ${e.msg}`);
  }
  return problems;
}

module.exports = { apexSyntaxErrors, checkApexSyntax };
