// The toolkit quiz as a self-check, entirely in the browser (works in the frozen site, no server).
// Without JavaScript each answer stays readable in its <details>; with it, "核对答案" checks the
// chosen option, says right or wrong in the question's live region and opens the answer.
const quiz = document.querySelector(".quiz");
if (quiz) {
  const say = (item, text, state) => {
    const feedback = item.querySelector(".quiz-feedback");
    feedback.textContent = text;
    item.dataset.state = state;
  };
  const check = (item) => {
    const chosen = item.querySelector("input[type=radio]:checked");
    if (!chosen) {
      say(item, quiz.dataset.none, "none");
      return;
    }
    const right = chosen.value === item.dataset.answer;
    const text = right ? quiz.dataset.right : quiz.dataset.wrong.replace("{letter}", item.dataset.letter);
    say(item, text, right ? "right" : "wrong");
    item.querySelector(".quiz-answer").open = true;
  };
  for (const item of quiz.querySelectorAll(".quiz-item")) {
    const button = item.querySelector(".quiz-check");
    button.addEventListener("click", () => check(item));
    button.hidden = false;
    for (const radio of item.querySelectorAll("input[type=radio]")) {
      radio.addEventListener("change", () => say(item, "", ""));
    }
  }
  quiz.querySelector(".quiz-hint-js").hidden = false;
  quiz.querySelector(".quiz-hint-nojs").hidden = true;
}
