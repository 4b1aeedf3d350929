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

# The whisper an agent hears when a click-to-call callback reaches them, before the customer is called:
# "回电" then, when the desk recorded them, the surname and the honorific ("回电:王先生"). The service has no
# speech synthesis at run time, so each common surname and both honorifics are a prompt of their own
# (whisper-<surname>.wav, whisper-先生.wav, whisper-女士.wav), joined at call time; a surname without a
# prompt leaves the fixed "回电" alone. Short pieces: only 100 ms of silence around each.
short() { # file text
  local out=$1 text=$2 tmp
  tmp=$(mktemp --suffix=.wav)
  espeak-ng -v cmn -s 150 -w "$tmp" "$text"
  sox "$tmp" -r 16000 -c 1 -b 16 "$out" silence 1 0.01 1% reverse silence 1 0.01 1% reverse pad 0.1 0.1 norm -3
  rm -f "$tmp"
}
short callback-whisper.wav "回电"
for honorific in 先生 女士; do short "whisper-$honorific.wav" "$honorific"; done
for surname in 王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈; do
  short "whisper-$surname.wav" "$surname"
done

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
