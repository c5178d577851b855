// `pnpm start`: starts the product on its embedded default. Extended as the apps arrive.
console.log('UiTPAS suite: nothing to start yet. The sandbox, counter and kiosk arrive with their issues.');
