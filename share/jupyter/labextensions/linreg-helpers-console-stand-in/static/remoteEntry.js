// A module-federation container written by hand (no build step). It provides no plugin. On a page
// whose share scope lacks "@jupyterlab/console" (jupyterlab-rise 0.43's slideshow application) it puts
// a stand-in there: ipywidgets 8's widget manager imports that package only for an optional token
// (IConsoleTracker), and fails to load without it. Where JupyterLab provides the package, it does nothing.
var _JUPYTERLAB = (window._JUPYTERLAB = window._JUPYTERLAB || {});
_JUPYTERLAB["linreg-helpers-console-stand-in"] = {
  init: function (scope) {
    if (scope["@jupyterlab/console"]) return;
    var highest = function (versions) {
      return Object.keys(versions).sort(function (a, b) {
        return a.localeCompare(b, undefined, { numeric: true });
      }).pop();
    };
    var coreutils = scope["@lumino/coreutils"];
    scope["@jupyterlab/console"] = {
      "0.0.0": {
        from: "linreg-helpers-console-stand-in",
        eager: false,
        get: function () {
          var made = function (Token) {
            var tracker = new Token("@jupyterlab/console:IConsoleTracker", "no console on this page");
            return function () {
              return { IConsoleTracker: tracker };
            };
          };
          if (!coreutils) return Promise.resolve(made(function (name, description) {
            this.name = name;
            this.description = description;
          }));
          var entry = coreutils[highest(coreutils)];
          entry.loaded = 1;
          return Promise.resolve(entry.get()).then(function (factory) {
            return made(factory().Token);
          });
        },
      },
    };
  },
  get: function (module) {
    return Promise.reject(new Error("linreg-helpers-console-stand-in exposes no module: " + module));
  },
};
