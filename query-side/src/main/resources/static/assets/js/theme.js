// Light or dark as data-theme on <html>: the user's choice (localStorage 'axle.theme'), else the system preference,
// followed as it changes.
// Loaded as a classic script in <head> so that the page is never painted in the wrong theme.
(function () {
  var KEY = 'axle.theme';
  var root = document.documentElement;
  var dark = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function current() {
    var chosen = stored();
    if (chosen === 'light' || chosen === 'dark') return chosen;
    return dark && dark.matches ? 'dark' : 'light';
  }
  function apply() {
    root.setAttribute('data-theme', current());
  }
  apply();
  if (dark && dark.addEventListener) {
    dark.addEventListener('change', function () {
      apply();
      window.dispatchEvent(new CustomEvent('axle-theme', { detail: current() }));
    });
  }
  window.axleTheme = {
    /** 'light' or 'dark': the one shown now. */
    current: current,
    /** Shows the other theme and remembers the choice. */
    toggle: function () {
      var next = current() === 'dark' ? 'light' : 'dark';
      try { localStorage.setItem(KEY, next); } catch (e) { /* private mode: this page only */ }
      root.setAttribute('data-theme', next);
      window.dispatchEvent(new CustomEvent('axle-theme', { detail: next }));
      return next;
    },
  };
})();
