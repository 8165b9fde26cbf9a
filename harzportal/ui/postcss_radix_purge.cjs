// PostCSS plugin of the build (harzportal/ui/stylesheet.py writes it into the build folder and
// names it in postcss.config.js): drops from the global stylesheet the Radix Themes rules of the
// components the app never renders and the colour scales it never names. A component counts as
// rendered when a compiled page or memo module imports it from "@radix-ui/themes"; a colour as
// named when its name is a string in a compiled module or the app's own stylesheets (the theme
// names its neutral scale, harzportal/ui/theme.py; gray always stays); the dark theme's rules
// when the compiled theme is light only (`defaultColorMode = "light"`); a layout
// utility (margin, padding, size, position: `.rt-r-m-2`, `.md:rt-r-px-3`) as used when its prop
// (`m`, `px`, Radix Themes' own prop definitions say which) is a key in a compiled module.
const fs = require("fs");
const path = require("path");

const WEB = __dirname;
const SOURCES = ["app", "app_components", "utils", "components", "public", "styles"];
const COLORS = ["gold", "bronze", "brown", "yellow", "amber", "orange", "tomato", "red", "ruby",
  "crimson", "pink", "plum", "purple", "violet", "iris", "indigo", "blue", "cyan", "teal", "jade",
  "green", "grass", "lime", "mint", "sky", "mauve", "slate", "sage", "olive", "sand"];
// Shared parts of several components (menus, dialogs, cards, buttons, popovers).
const ALWAYS = /^(Base|Popper)/;

function* files(dir) {
  let entries;
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (/\.(jsx?|mjs|css)$/.test(entry.name)) yield full;
  }
}

function usage() {
  const components = new Set();
  const colors = new Set(["gray"]);
  const texts = [];
  for (const dir of SOURCES) {
    for (const file of files(path.join(WEB, dir))) {
      const text = fs.readFileSync(file, "utf8");
      texts.push(text);
      for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']@radix-ui\/themes["']/g)) {
        for (const name of match[1].split(",")) {
          const imported = name.trim().split(/\s+as\s+/)[0];
          if (imported) components.add(imported);
        }
      }
      for (const color of COLORS) {
        if (new RegExp(`["'\`]${color}["'\`]|--${color}-`).test(text)) colors.add(color);
      }
    }
  }
  // Utility class prefix -> its prop, e.g. "rt-r-mx" -> "mx" (the props shared by the layout
  // components: margin, padding, width, height, position, flex and grid children).
  const unusedUtilities = [];
  const props = require(path.join(WEB, "node_modules/@radix-ui/themes/dist/cjs/props/index.js"));
  const all = texts.join("\n");
  const seen = new Set();
  for (const definitions of Object.values(props)) {
    if (!definitions || typeof definitions !== "object") continue;
    for (const [prop, definition] of Object.entries(definitions)) {
      const prefix = definition && definition.className;
      if (typeof prefix !== "string" || !prefix.startsWith("rt-r-") || seen.has(prefix)) continue;
      seen.add(prefix);
      if (!new RegExp(`[{,]\\s*["']?${prop}["']?\\s*:`).test(all)) unusedUtilities.push(prefix);
    }
  }
  // Reflex compiles the theme's appearance into the colour mode the page starts and stays in.
  const lightOnly = /defaultColorMode\s*=\s*["']light["']/.test(all);
  return { components: [...components], colors, unusedUtilities, prefixes: [...seen], lightOnly };
}

function utilityPrefix(name, prefixes) {
  // The longest prop class prefix of a utility class ("rt-r-min-w-1" -> "rt-r-min-w").
  let best = null;
  for (const prefix of prefixes) {
    if ((name === prefix || name.startsWith(`${prefix}-`)) && (!best || prefix.length > best.length)) {
      best = prefix;
    }
  }
  return best;
}

function usedUtility(selector, usage) {
  if (/\.rt-[A-Z]/.test(selector)) return true; // a component's own size/variant rule
  for (const match of selector.matchAll(/rt-r-[a-z0-9-]+/g)) {
    const prefix = utilityPrefix(match[0], usage.prefixes);
    if (prefix && usage.unusedUtilities.includes(prefix)) return false;
  }
  return true;
}

function keptClass(name, components) {
  return ALWAYS.test(name) || components.some((component) => name.startsWith(component));
}

function usedSelector(selector, usage) {
  if (usage.lightOnly && /\.dark(-theme)?\b/.test(selector)) return false;
  for (const match of selector.matchAll(/\.rt-([A-Z][A-Za-z]*)/g)) {
    if (!keptClass(match[1], usage.components)) return false;
  }
  for (const match of selector.matchAll(/data-(?:accent|gray)-color=['"]?([a-z]+)/g)) {
    if (!usage.colors.has(match[1])) return false;
  }
  return true;
}

function unusedScaleVariable(prop, colors) {
  // A variable of a colour scale (tokens/colors/<name>.css: --<name>-1 … --<name>-a12, …).
  const match = /^--([a-z]+)-/.exec(prop);
  return match !== null && COLORS.includes(match[1]) && !colors.has(match[1]);
}

module.exports = () => ({
  postcssPlugin: "harzportal-radix-purge",
  OnceExit(root) {
    const css = root.toString();
    if (!css.includes(".rt-Button")) return; // not the stylesheet with Radix Themes in it
    const found = usage();
    const { components, colors } = found;
    if (process.env.HARZPORTAL_CSS_PURGE_REPORT) {
      console.log(`radix purge keeps ${components.sort().join(" ")} | ${[...colors].sort().join(" ")}`
        + ` | drops utilities ${found.unusedUtilities.join(" ")}`
        + (found.lightOnly ? " | drops the dark theme" : ""));
    }
    root.walkDecls((decl) => {
      if (unusedScaleVariable(decl.prop, colors)) decl.remove();
    });
    root.walkRules((rule) => {
      if (rule.parent && rule.parent.type === "atrule" && /keyframes/.test(rule.parent.name)) return;
      if (rule.nodes.length === 0) { rule.remove(); return; }
      const kept = rule.selectors.filter((selector) => usedSelector(selector, found)
        && usedUtility(selector, found));
      if (kept.length === 0) rule.remove();
      else if (kept.length < rule.selectors.length) rule.selectors = kept;
    });
    let emptied = true;
    while (emptied) {
      emptied = false;
      root.walkAtRules((atRule) => {
        if (atRule.nodes && atRule.nodes.length === 0) { atRule.remove(); emptied = true; }
      });
    }
  },
});
module.exports.postcss = true;
