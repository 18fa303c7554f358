// Vite's `?worker&url` import of the capture worklet: the URL of the separately built file. Declared
// here rather than by including vite/client's types, which would bring every other Vite suffix in.
declare module '*?worker&url' {
  const url: string;
  export default url;
}
