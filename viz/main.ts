// Dashboard entry point. The dashboard itself (run panel, compare view, run
// explorer) is built in issue #7; until then the page says where results are.
const app = document.querySelector<HTMLElement>('#app');
if (app) {
  app.innerHTML =
    '<h1>delegsim</h1><p>The dashboard is not built yet. Run <code>npx delegsim run mmc</code> for results in the terminal.</p>';
}
