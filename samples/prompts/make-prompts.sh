#!/usr/bin/env bash
# Regenerates the bundled prompts. Needs espeak-ng (Mandarin voice "cmn") and sox (Debian packages).
# The WAVs are committed, so the service and tests do not need these tools; run this after changing a text.
set -euo pipefail
cd "$(dirname "$0")"

speak() { # file text: Mandarin speech, 16 kHz mono 16-bit, with 200 ms of silence around it
  local out=$1 text=$2 tmp
  tmp=$(mktemp --suffix=.wav)
  espeak-ng -v cmn -s 150 -w "$tmp" "$text"
  sox "$tmp" -r 16000 -c 1 -b 16 "$out" pad 0.2 0.2 norm -3
  rm -f "$tmp"
}

speak greeting.wav        "您好,海逸长洲!请稍候,正在为您转接。"
speak callback-offer.wav  "抱歉让您久等了。查询需要一些时间:按1,我们稍后给您回电;按2,继续等待。"
speak callback-confirm.wav "好的,我们会尽快给您回电,感谢您的来电,再见。"
speak no-agent.wav        "您好,海逸长洲!前台暂时无人接听,我们会尽快给您回电,感谢您的来电。"

# Hold music: a gentle 8-second loop of major-chord arpeggios (C, F, G, C), 8 kHz mono, so it stays
# small and is clearly different from speech when a test decodes what a caller hears.
parts=()
i=0
for chord in "261.63 329.63 392.00" "349.23 440.00 523.25" "392.00 493.88 587.33" "261.63 329.63 392.00"; do
  for f in $chord; do
    part=$(mktemp --suffix=.wav); parts+=("$part")
    sox -n -r 8000 -c 1 -b 16 "$part" synth 0.6667 sine "$f" fade q 0.02 0.6667 0.15 vol 0.4
    i=$((i + 1))
  done
done
sox "${parts[@]}" hold-music.wav
rm -f "${parts[@]}"
for f in *.wav; do printf '%-22s %s\n' "$f" "$(soxi -d "$f") $(soxi -r "$f") Hz"; done
