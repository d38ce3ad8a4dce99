// The benchmark's decoding by Garmin's JavaScript FIT SDK (@garmin/fitsdk, installed by
// scripts/install-fitsdk.sh in tests/oracle): decodes every .fit file under DIR in one Node
// process, as an application would (Decoder.read with the SDK's defaults), and prints
// "files bytes records".
//   node fitsdk-decode.mjs SDK_DIR DIR     (SDK_DIR: the folder holding node_modules)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [sdkDir, root] = process.argv.slice(2);
const entry = createRequire(resolve(sdkDir, "package.json")).resolve("@garmin/fitsdk");
const { Decoder, Stream } = await import(pathToFileURL(entry).href);

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".fit")) files.push(path);
  }
};
walk(root);
let bytes = 0, records = 0;
for (const file of files) {
  const data = readFileSync(file);
  bytes += data.length;
  const { messages, errors } = new Decoder(Stream.fromByteArray(data)).read();
  if (errors.length) throw new Error(`${file}: ${errors[0]}`);
  records += (messages.recordMesgs ?? []).length;
}
console.log(files.length, bytes, records);
