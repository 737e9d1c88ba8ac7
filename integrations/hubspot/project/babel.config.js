// Jest only (HubSpot bundles the card itself on upload): TypeScript + JSX, and the ESM builds of
// @hubspot/ui-extensions and tinyspy down to CommonJS for Node 20.
module.exports = {
  presets: [
    ['@babel/preset-env', { targets: { node: 'current' } }],
    ['@babel/preset-react', { runtime: 'automatic' }],
    '@babel/preset-typescript',
  ],
};
