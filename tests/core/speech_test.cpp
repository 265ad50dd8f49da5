#include "hgj/speech.h"

#include <doctest/doctest.h>

using namespace hgj;

TEST_CASE("spoken_phone reads each digit, 1 as 幺, a pause between groups") {
  CHECK(spoken_phone("138 0000 0001") == "幺三八，零零零零，零零零幺");
  CHECK(spoken_phone("0570-8012345") == "零五七零，八零幺二三四五");
  CHECK(spoken_phone("0570-8012345 转 12") == "零五七零，八零幺二三四五，转幺二");
  CHECK(spoken_phone("") == "");
}

TEST_CASE("steward_speech says who, the phone and the next 敲门日") {
  const Phone phone{"13800000001", "138 0000 0001"};
  CHECK(steward_speech("红管家", "王建华", phone, "2026年11月24日（周二） 19:00–20:30") ==
        "红管家王建华，电话：幺三八，零零零零，零零零幺。下次敲门日：2026年11月24日（周二） "
        "19点到20点30分。");
  CHECK(steward_speech("本楼红管家", "李敏", std::nullopt, "") == "本楼红管家李敏。");
}

TEST_CASE("knock_day_speech says times as they are spoken") {
  CHECK(knock_day_speech("2026年11月24日（周二） 9:00–11:30") ==
        "下次敲门日：2026年11月24日（周二） 9点到11点30分。");
  CHECK(knock_day_speech("每周二 19:05–20:00") == "下次敲门日：每周二 19点5分到20点。");
  CHECK(knock_day_speech("2026年11月24日") == "下次敲门日：2026年11月24日。");
}
