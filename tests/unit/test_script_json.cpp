// The one escaping of JSON inside a page's <script> element (src/report/script_json.hpp).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/script_json.hpp"

namespace tongchou {

TEST(ScriptJson, NothingCanEndTheScriptOrOpenACommentAndTheValueReadsBack) {
  const nlohmann::json value = {{"label", "a</script><script>alert(1)</script>"}, {"note", "<!-- x -->"}, {"lt", "1 < 2"}};
  const std::string text = script_safe(value.dump());
  EXPECT_EQ(text.find("</"), std::string::npos) << text;
  EXPECT_EQ(text.find("<!"), std::string::npos) << text;
  EXPECT_NE(text.find("1 < 2"), std::string::npos) << "a '<' not followed by '/' or '!' is left as it is";
  EXPECT_EQ(nlohmann::json::parse(text), value);
}

}  // namespace tongchou
