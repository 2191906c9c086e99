// Attacks on url forbids through other spellings of the same host, port or path, found by
// a fourth review: ffmpeg 5.1 connected to 127.0.0.1:1935 for every host and port form
// below (strace), and an http server decoded the path of every path form.

import { attackKind, HD, type Attack, type Legitimate } from "./cases.js";

const RELAY = ["relays"];
const IN = "-i /mnt/ingest/a.mov -c copy -f flv";
const FACTS = { "/mnt/ingest/a.mov": HD };
const url = attackKind("urls", { as: RELAY, facts: FACTS });
const relay = (name: string, to: string) => url(name, `ffmpeg ${IN} ${to}`, "forbidden: publish");
const READ = "-c:v libx264 -b:v 1M -an /mnt/renders/a.mp4";
const privateRead = (name: string, from: string) => url(name, `ffmpeg -f mp4 -i ${from} ${READ}`, "forbidden: read", { as: ["wrapper-users"], facts: {} });

export const URL_ATTACKS: readonly Attack[] = [
  relay("a negative port is the default port", "rtmp://127.0.0.1:-1/relay/k"),
  relay("a port past 32 bits wraps to 1935 (atoi into an int)", "rtmp://127.0.0.1:4294969231/relay/k"),
  relay("the short IPv4 form 127.1", "rtmp://127.1/relay/k"),
  relay("IPv4 as one decimal number", "rtmp://2130706433/relay/k"),
  relay("IPv4 in hexadecimal parts", "rtmp://0x7f.1/relay/k"),
  relay("IPv4 in octal", "rtmp://017700000001/relay/k"),
  relay("IPv4-mapped IPv6", "rtmp://[::ffff:127.0.0.1]/relay/k"),
  relay("upper case and a final dot", "rtmp://127.0.0.1./relay/k"),
  relay("the unspecified address reaches the local host (0.0.0.0)", "rtmp://0.0.0.0/relay/k"),
  relay("the unspecified address written 0", "rtmp://0/relay/k"),
  url(
    "a host longer than ffmpeg's buffer is cut (rtmp cut 246 zeros and 177.0.0.1… to octal 127.0.0.1)",
    `ffmpeg ${IN} rtmp://${"0".repeat(246)}177.0.0.1.relay.example.com/relay/k`,
    "ffmpeg cuts a host of more than 199 characters",
  ),
  url(
    "-f sap sends to the host and port its 'file' name holds (27 RTP packets to 127.0.0.1:5004)",
    "ffmpeg -i /mnt/ingest/a.mov -c:v libx264 -b:v 1M -s 640x360 -an -f sap /mnt/renders/x:127.0.0.1:5004",
    "sap reads its url as a host and port",
    { as: ["editors"] },
  ),
  url(
    "-f sap as an input listens for announcements from anyone (bound 0.0.0.0:9875)",
    "ffmpeg -f sap -i /mnt/ingest/x:127.0.0.1:9875 -c:v libx264 -b:v 1M -s 640x360 -an /mnt/renders/o.mp4",
    "sap reads its url as a host and port",
    { as: ["editors"] },
  ),
  privateRead("a percent-encoded letter in the path", "https://a.example.com/media/%70rivate/x.mp4"),
  privateRead("a percent-encoded '/' in the path", "https://a.example.com/media/private%2Fx.mp4"),
  {
    name: "urls: -max_redirects undoes the enforcer's 0 (5.1 followed a 302 to a file a forbid names)",
    command: `ffmpeg -max_redirects 3 -f mp4 -i http://cdn.example.com/media/a.mp4 ${READ}`,
    as: ["wrapper-users"],
    expect: "deny",
    because: "-max_redirects switches off one of ffmpeg's protections",
  },
];

export const URL_LEGITIMATE: readonly Legitimate[] = [
  { name: "urls: relaying to another host", command: `ffmpeg ${IN} rtmp://10.0.0.2/relay/k`, as: RELAY, facts: FACTS, expect: "allow" },
  {
    name: "urls: relaying with an explicit default port",
    command: `ffmpeg ${IN} rtmp://relay.example.com:1935/relay/k`,
    as: RELAY,
    facts: FACTS,
    expect: "allow",
  },
  {
    name: "urls: a public file next to the private ones",
    command: `ffmpeg -f mp4 -i https://a.example.com/media/public.mp4 ${READ}`,
    as: ["wrapper-users"],
    expect: "allow",
  },
  {
    name: "urls: a percent-encoded space in a granted path",
    command: `ffmpeg -f mp4 -i https://a.example.com/media/my%20clip.mp4 ${READ}`,
    as: ["wrapper-users"],
    expect: "allow",
  },
  {
    name: "urls: -max_redirects 0, as the enforcer sets it",
    command: `ffmpeg -max_redirects 0 -f mp4 -i http://cdn.example.com/media/a.mp4 ${READ}`,
    as: ["wrapper-users"],
    expect: "allow",
  },
  {
    name: "urls: relaying to a host name with a final dot",
    command: `ffmpeg ${IN} rtmp://relay.example.com./relay/k`,
    as: RELAY,
    facts: FACTS,
    expect: "allow",
  },
  { name: "urls: a percent-encoded stream key", command: `ffmpeg ${IN} rtmp://relay.example.com/relay/a%20b`, as: RELAY, facts: FACTS, expect: "allow" },
  {
    name: "urls: relaying to a long, ordinary host name",
    command: `ffmpeg ${IN} rtmp://edge-0042.ingest.eu-central-1.streaming.relay-network.example.com/relay/k`,
    as: RELAY,
    facts: FACTS,
    expect: "allow",
  },
  { name: "urls: relaying to a documentation address", command: `ffmpeg ${IN} rtmp://203.0.113.7/relay/k`, as: RELAY, facts: FACTS, expect: "allow" },
  {
    name: "urls: async: over https with -max_redirects 0",
    command: `ffmpeg -max_redirects 0 -f mp4 -i async:https://a.example.com/media/a.mp4 ${READ}`,
    as: ["wrapper-users"],
    expect: "allow",
  },
  { name: "urls: relaying to an IPv6 host", command: `ffmpeg ${IN} rtmp://[2001:db8::1]/relay/k`, as: RELAY, facts: FACTS, expect: "allow" },
  { name: "urls: relaying to a host in upper case", command: `ffmpeg ${IN} rtmp://RELAY.example.com/relay/k`, as: RELAY, facts: FACTS, expect: "allow" },
  {
    name: "urls: relaying on another port of any host",
    command: `ffmpeg ${IN} rtmp://relay.example.com:1936/relay/k`,
    as: RELAY,
    facts: FACTS,
    expect: "allow",
  },
  { name: "urls: relaying to a name, not an address", command: `ffmpeg ${IN} rtmp://localhost.example.com/relay/k`, as: RELAY, facts: FACTS, expect: "allow" },
  {
    name: "urls: a percent-encoded '+' in a granted name",
    command: `ffmpeg -f mp4 -i https://a.example.com/media/a%2Bb.mp4 ${READ}`,
    as: ["wrapper-users"],
    expect: "allow",
  },
  { name: "urls: relaying to a private address", command: `ffmpeg ${IN} rtmp://192.168.1.20/relay/k`, as: RELAY, facts: FACTS, expect: "allow" },
];
